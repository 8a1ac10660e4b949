package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Invoker;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Resources on query answers, and the server's {@code parley.invalidate} pushes: sent to the
 * connections whose watched names overlap a mutation's resources (or {@code server.invalidate}'s),
 * and to no other, one at a time per connection however many mutations come.
 */
class InvalidationTest {
  private static final String HELLO = "{\"method\":\"parley.hello\",\"params\":{\"version\":1}}";
  private static final String HELLO_ANSWER = "{\"method\":\"parley.hello\",\"params\":{\"version\":1,"
      + "\"maxWatched\":1000,\"maxResourceChars\":256}}";

  private final ParleyServer<Identity<Void>> server = Fixture.server();

  @Test
  void aQueryAnswerCarriesItsDeclaredResourcesOnEveryTransport() throws Exception {
    ParleyResponse http = server.handle(Fixture.get("todos.size", ""));
    assertThat(http.bodyText()).isEqualTo("{\"result\":{\"data\":1,\"resources\":[\"todos\"],\"seq\":0}}");
    assertThat(server.handle(Fixture.get("todos.list", "")).bodyText())
        .as("a query that declares none has no field").doesNotContain("resources");

    RecordingSocket socket = RecordingSocket.open(server, "");
    socket.session().onText("{\"id\":1,\"method\":\"query\",\"params\":{\"path\":\"todos.size\"}}");
    assertThat(socket.next())
        .isEqualTo("{\"id\":1,\"result\":{\"type\":\"data\",\"data\":1,\"resources\":[\"todos\"],"
            + "\"seq\":0}}");

    Invoker.Result<Integer> local = server.invoker().call(Fixture.SIZE, null, java.time.Duration.ZERO);
    assertThat(local.resources()).containsExactly("todos");
    assertThat(server.invoker().call(Fixture.ADD, new Fixture.NewTodo("eggs"), java.time.Duration.ZERO).resources())
        .as("sorted").containsExactly("todo/2", "todos");
  }

  @Test
  void aMutationIsPushedOnlyToTheConnectionsWatchingAnOverlappingName() throws Exception {
    RecordingSocket todos = watching("todos");
    RecordingSocket anyTodo = watching("todo/*");
    RecordingSocket users = watching("users", "todo");
    RecordingSocket plain = RecordingSocket.open(server, ""); // a wsLink client: no hello

    server.handle(Fixture.post("todos.add", "", "{\"text\":\"eggs\"}"));          // over HTTP
    assertThat(todos.next()).isEqualTo(invalidate("todos"));
    assertThat(anyTodo.next()).isEqualTo(invalidate("todo/2"));
    server.invoker().call(Fixture.ADD, new Fixture.NewTodo("jam"), java.time.Duration.ZERO);
    assertThat(todos.next()).isEqualTo(invalidate("todos"));
    assertThat(anyTodo.next()).isEqualTo(invalidate("todo/3"));

    assertQuiet(todos, anyTodo, users, plain);
    assertThat(server.invalidationsSent()).as("one message per interested connection and mutation")
        .isEqualTo(4);
  }

  @Test
  void theConnectionThatMutatesHearsItsAnswerNotAnInvalidation() throws Exception {
    RecordingSocket mine = watching("todos");
    RecordingSocket theirs = watching("todos");

    mine.session().onText(
        "{\"id\":1,\"method\":\"mutation\",\"params\":{\"path\":\"todos.add\",\"input\":{\"text\":\"eggs\"}}}");

    assertThat(mine.next()).isEqualTo("{\"id\":1,\"result\":{\"type\":\"data\",\"data\":{\"id\":2,"
        + "\"text\":\"eggs\"},\"resources\":[\"todo/2\",\"todos\"]}}");
    assertThat(theirs.next()).isEqualTo(invalidate("todos"));
    assertQuiet(mine, theirs);
  }

  @Test
  void serverInvalidateReachesTheWatchersAndSaysHowMany() throws Exception {
    RecordingSocket a = watching("todo/*");
    RecordingSocket b = watching("todos", "todo/7");
    RecordingSocket c = watching("users");

    assertThat(server.invalidate("todo/7")).isEqualTo(2);
    assertThat(a.next()).isEqualTo(invalidate("todo/7"));
    assertThat(b.next()).isEqualTo(invalidate("todo/7"));
    assertThat(server.invalidate("nothing/watched")).isZero();
    assertQuiet(a, b, c);
  }

  @Test
  void anUnwatchedNameIsNoLongerPushedAndAClosedConnectionLeavesTheIndex() throws Exception {
    RecordingSocket a = watching("todos", "todo/*");
    a.session().onText("{\"method\":\"parley.unwatch\",\"params\":{\"resources\":[\"todos\",\"x\"]}}");
    RecordingSocket b = watching("todos");
    b.session().onClose(1000);

    assertThat(server.invalidate("todos")).isZero();
    assertThat(server.invalidate("todo/1")).isEqualTo(1);
    assertThat(a.next()).isEqualTo(invalidate("todo/1"));
    assertQuiet(a, b);
  }

  @Test
  void aBurstToAClientThatDoesNotReadQueuesOneInvalidationAndSendsTheRestAsOne() throws Exception {
    RecordingSocket slow = watching("todos", "todo/*");
    slow.stuck = true;
    for (int i = 0; i < 10; i++) {
      server.invoker().call(Fixture.ADD, new Fixture.NewTodo("t" + i), java.time.Duration.ZERO);
    }
    String first = slow.next();
    assertThat(slow.sent.poll(200, TimeUnit.MILLISECONDS))
        .as("nothing more is queued while the first is unread").isNull();
    slow.unstick();
    List<String> all = new ArrayList<>(List.of(first));
    String more;
    while ((more = slow.sent.poll(300, TimeUnit.MILLISECONDS)) != null) {
      all.add(more);
    }
    assertThat(all).as("ten mutations, at most two messages").hasSizeBetween(1, 2);
    Set<String> names = new TreeSet<>();
    all.forEach(m -> names.addAll(strings(WireAssert.json(m).get("params").get("resources"))));
    assertThat(names).as("nothing is lost by coalescing").hasSize(11).contains("todos", "todo/11");
    assertThat(server.invalidationsSent()).isEqualTo(all.size());
  }

  // ---- refusals: each answered with the message's id, the connection goes on ----

  @Test
  void aWatchBeforeHelloIsRefusedAndTheConnectionGoesOn() throws Exception {
    RecordingSocket s = RecordingSocket.open(server, "");
    s.session().onText("{\"id\":4,\"method\":\"parley.watch\",\"params\":{\"resources\":[\"todos\"]}}");
    assertRefused(s, "4", "BAD_REQUEST", "\"parley.watch\" comes after \"parley.hello\"");
    assertThat(server.invalidate("todos")).isZero();
    assertStillServes(s);
  }

  @Test
  void aWatchOfNonStringsIsRefusedWholeAndTheConnectionGoesOn() throws Exception {
    RecordingSocket s = watching("a");
    s.session().onText("{\"id\":\"w\",\"method\":\"parley.watch\",\"params\":{\"resources\":[\"todos\",3]}}");
    assertRefused(s, "\"w\"", "BAD_REQUEST",
        "\"params.resources\" must be an array of strings: item 1 is not a string");
    s.session().onText("{\"method\":\"parley.watch\",\"params\":{\"resources\":\"todos\"}}");
    assertRefused(s, "null", "BAD_REQUEST", "\"params.resources\" must be an array of strings");
    assertThat(server.invalidate("todos")).as("nothing of it was added").isZero();
    assertStillServes(s);
  }

  @Test
  void tooManyWatchedNamesAreRefusedTooManyRequestsAndAddNothing() throws Exception {
    var small = Fixture.implement(ParleyServer.builder(Fixture.CONTRACT)
        .options(ServerOptions.builder().socketMaxWatched(2).build()).build());
    RecordingSocket s = RecordingSocket.open(small, "");
    s.session().onText(HELLO);
    assertThat(s.next()).contains("\"maxWatched\":2");
    s.session().onText("{\"id\":1,\"method\":\"parley.watch\",\"params\":{\"resources\":[\"a\",\"b\"]}}");
    s.session().onText("{\"id\":2,\"method\":\"parley.watch\",\"params\":{\"resources\":[\"b\",\"c\"]}}");
    assertRefused(s, "2", "TOO_MANY_REQUESTS", "More than 2 resources watched on this connection");
    assertThat(small.invalidate("c")).isZero();
    assertThat(small.invalidate("a", "b")).isEqualTo(1);
    assertThat(s.next()).isEqualTo(invalidate("a", "b"));
    assertStillServes(s);
  }

  @Test
  void anOverLongOrEmptyNameIsRefusedAndTheConnectionGoesOn() throws Exception {
    var small = Fixture.implement(ParleyServer.builder(Fixture.CONTRACT)
        .options(ServerOptions.builder().socketMaxResourceChars(8).build()).build());
    RecordingSocket s = RecordingSocket.open(small, "");
    s.session().onText(HELLO);
    s.next();
    s.session().onText("{\"id\":1,\"method\":\"parley.watch\",\"params\":{\"resources\":[\"ok\",\"123456789\"]}}");
    assertRefused(s, "1", "BAD_REQUEST",
        "A resource name must have 1 to 8 characters: \"123456789\" has 9");
    s.session().onText("{\"id\":2,\"method\":\"parley.watch\",\"params\":{\"resources\":[\"\"]}}");
    assertRefused(s, "2", "BAD_REQUEST", "A resource name must have 1 to 8 characters: \"\" has 0");
    assertThat(small.invalidate("ok")).isZero();
    assertStillServes(s);
  }

  @Test
  void anUnknownParleyMethodIsRefusedAndTheConnectionGoesOn() throws Exception {
    RecordingSocket s = watching("a");
    s.session().onText("{\"id\":9,\"method\":\"parley.shout\",\"params\":{}}");
    assertRefused(s, "9", "BAD_REQUEST", "Unknown method \"parley.shout\" (expected: parley.hello, "
        + "parley.watch, parley.unwatch, parley.emit, parley.register, parley.answer, "
        + "parley.connect, parley.send, parley.leave, "
        + "parley.subscribe, parley.unsubscribe or parley.set)");
    assertStillServes(s);
  }

  // ---- helpers ----

  // ---- the invalidation sequence: a watch that names "since" hears what it missed ----

  @Test
  void aQueryAnswerCarriesTheSequenceWhenItsHandlerStartedAndAMutationsDoesNot() throws Exception {
    server.handle(Fixture.post("todos.add", "", "{\"text\":\"eggs\"}"));
    server.invalidate("elsewhere");
    assertThat(server.handle(Fixture.get("todos.size", "")).bodyText())
        .isEqualTo("{\"result\":{\"data\":2,\"resources\":[\"todos\"],\"seq\":2}}");
    assertThat(server.handle(Fixture.post("todos.add", "", "{\"text\":\"jam\"}")).bodyText())
        .as("a mutation's answer is unchanged").doesNotContain("seq");
    assertThat(server.handle(Fixture.get("todos.list", "")).bodyText())
        .as("nor has a query without resources").doesNotContain("seq");
  }

  @Test
  void aMutationBetweenTheAnswerAndTheWatchIsPushedRightAfterTheWatch() throws Exception {
    RecordingSocket s = greeted();
    s.session().onText("{\"id\":1,\"method\":\"query\",\"params\":{\"path\":\"todos.size\"}}");
    long seq = WireAssert.json(s.next()).get("result").get("seq").longValue();
    server.handle(Fixture.post("todos.add", "", "{\"text\":\"eggs\"}")); // nobody watches yet
    server.invalidate("users");                                          // overlaps nothing watched
    s.session().onText("{\"method\":\"parley.watch\",\"params\":{\"resources\":[\"todos\"],"
        + "\"since\":" + seq + "}}");
    assertThat(s.next()).isEqualTo(invalidate("todos"));
    assertQuiet(s);
  }

  @Test
  void aMutationBeforeTheAnswerIsNotPushed() throws Exception {
    server.handle(Fixture.post("todos.add", "", "{\"text\":\"eggs\"}"));
    RecordingSocket s = greeted();
    s.session().onText("{\"id\":1,\"method\":\"query\",\"params\":{\"path\":\"todos.size\"}}");
    JsonNode answer = WireAssert.json(s.next()).get("result");
    assertThat(answer.get("data").intValue()).as("the answer saw it").isEqualTo(2);
    s.session().onText("{\"method\":\"parley.watch\",\"params\":{\"resources\":[\"todos\",\"todo/*\"],"
        + "\"since\":" + answer.get("seq").longValue() + "}}");
    assertQuiet(s);
    server.invalidate("todo/9");
    assertThat(s.next()).as("and the watch holds").isEqualTo(invalidate("todo/9"));
  }

  @Test
  void aSinceOlderThanTheLogInvalidatesEveryNameOfTheWatch() throws Exception {
    for (int i = 0; i <= 1024; i++) {
      server.invalidate("other/" + i); // the log keeps the last 1024: number 1 is gone
    }
    RecordingSocket s = greeted();
    s.session().onText("{\"method\":\"parley.watch\",\"params\":{\"resources\":[\"todos\",\"todo/*\"],"
        + "\"since\":0}}");
    assertThat(s.next()).isEqualTo(invalidate("todo/*", "todos"));
    s.session().onText("{\"method\":\"parley.watch\",\"params\":{\"resources\":[\"users\"],"
        + "\"since\":1}}");
    assertQuiet(s); // 2 to 1025 are all in the log, none overlaps
    s.session().onText("{\"method\":\"parley.watch\",\"params\":{\"resources\":[\"users\"],"
        + "\"since\":99999}}");
    assertThat(s.next()).as("ahead of the log: conservative").isEqualTo(invalidate("users"));
  }

  @Test
  void anInvalidSinceIsRefusedAndTheConnectionGoesOn() throws Exception {
    RecordingSocket s = greeted();
    for (String since : List.of("-1", "\"3\"", "1.5", "true", "{}")) {
      s.session().onText("{\"id\":5,\"method\":\"parley.watch\",\"params\":{\"resources\":[\"todos\"],"
          + "\"since\":" + since + "}}");
      assertRefused(s, "5", "BAD_REQUEST", "\"params.since\" must be a non-negative integer");
    }
    server.invalidate("todos");
    assertQuiet(s); // nothing of the refused watches was taken
    assertStillServes(s);
  }

  private RecordingSocket greeted() throws InterruptedException {
    RecordingSocket s = RecordingSocket.open(server, "");
    s.session().onText(HELLO);
    assertThat(s.next()).isEqualTo(HELLO_ANSWER.replace("1000", String.valueOf(
        server.options().socketMaxWatched())));
    return s;
  }

  private RecordingSocket watching(String... names) throws InterruptedException {
    RecordingSocket s = RecordingSocket.open(server, "");
    s.session().onText(HELLO);
    assertThat(s.next()).isEqualTo(HELLO_ANSWER.replace("1000", String.valueOf(
        server.options().socketMaxWatched())));
    s.session().onText("{\"method\":\"parley.watch\",\"params\":{\"resources\":"
        + quoted(names) + "}}");
    return s;
  }

  private static String quoted(String... names) {
    List<String> q = new ArrayList<>();
    for (String n : names) {
      q.add("\"" + n + "\"");
    }
    return "[" + String.join(",", q) + "]";
  }

  private static String invalidate(String... names) {
    return "{\"method\":\"parley.invalidate\",\"params\":{\"resources\":" + quoted(names) + "}}";
  }

  private static void assertRefused(RecordingSocket s, String id, String code, String message)
      throws InterruptedException {
    JsonNode error = WireAssert.json(s.next());
    assertThat(error.get("id").toString()).isEqualTo(id);
    assertThat(error.get("error").get("data").get("code").stringValue()).isEqualTo(code);
    assertThat(error.get("error").get("message").stringValue()).isEqualTo(message);
  }

  private static void assertStillServes(RecordingSocket s) throws InterruptedException {
    s.session().onText("{\"id\":77,\"method\":\"query\",\"params\":{\"path\":\"todos.size\"}}");
    assertThat(s.next()).startsWith("{\"id\":77,\"result\":");
    assertThat(s.closed).as("the connection goes on").isNotDone();
  }

  private static void assertQuiet(RecordingSocket... sockets) throws InterruptedException {
    Thread.sleep(150);
    for (RecordingSocket s : sockets) {
      assertThat(s.sent).as("nothing more was sent").isEmpty();
    }
  }

  private static List<String> strings(JsonNode array) {
    List<String> all = new ArrayList<>();
    array.forEach(n -> all.add(n.stringValue()));
    return all;
  }
}
