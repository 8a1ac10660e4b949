package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.ClientEvent;
import dev.parley.ClientProcedure;
import dev.parley.Contract;
import dev.parley.ErrorCode;
import dev.parley.Event;
import dev.parley.Parley;
import dev.parley.ParleyException;
import dev.parley.Role;
import dev.parley.Shared;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Events, client events and client procedures on the wire, through {@link
 * ParleyServer#openSocket} with in-memory connections: what each bad message gets, and the
 * connection's fate after it (it always goes on: a ping is still answered).
 */
class RealtimeWireTest {
  interface User extends Shared {}

  interface Agent extends Shared {}

  static final Role<User> USER = Role.of("user", User.class);
  static final Role<Agent> AGENT = Role.of("agent", Agent.class);

  record Note(@NotBlank String text) {}

  static final Event<User, Note> USER_NEWS = Parley.event("userNews").role(USER).payload(Note.class);
  static final Event<Shared, Note> NEWS = Parley.event("news").payload(Note.class);
  static final ClientEvent<User, Note> TYPING =
      Parley.clientEvent("typing").role(USER).payload(Note.class);
  static final ClientEvent<Agent, Note> AGENT_TYPING =
      Parley.clientEvent("agentTyping").role(AGENT).payload(Note.class);
  static final ClientProcedure<User, Note, Note> CONFIRM =
      Parley.clientProcedure("confirm").role(USER).input(Note.class).output(Note.class);
  static final ClientProcedure<Agent, Note, Note> AGENT_CONFIRM =
      Parley.clientProcedure("agentConfirm").role(AGENT).input(Note.class).output(Note.class);
  static final Contract CONTRACT =
      Contract.of(USER_NEWS, NEWS, TYPING, AGENT_TYPING, CONFIRM, AGENT_CONFIRM);
  static final String HELLO = "{\"method\":\"parley.hello\",\"params\":{\"version\":1}}";

  private final List<Note> typed = new CopyOnWriteArrayList<>();

  private ParleyServer<Identity<String>> server(ServerOptions options) {
    var server = ParleyServer.builder(CONTRACT).options(options)
        .authenticate(r -> r.query().contains("agent") ? Identity.of(AGENT, "a")
            : Identity.of(USER, "u")).build();
    server.on(TYPING, (ctx, from, note) -> typed.add(note));
    server.on(AGENT_TYPING, (ctx, from, note) -> typed.add(note));
    return server;
  }

  private ParleyServer<Identity<String>> server() {
    return server(ServerOptions.defaults());
  }

  private static RecordingSocket greeted(ParleyServer<?> server, String query)
      throws InterruptedException {
    RecordingSocket s = RecordingSocket.open(server, query);
    s.session().onText(HELLO);
    assertThat(s.next()).startsWith("{\"method\":\"parley.hello\"");
    return s;
  }

  /** The connection goes on: a ping is still answered, and it was not closed. */
  private static void stillOpen(RecordingSocket s) throws InterruptedException {
    s.session().onText("PING");
    assertThat(s.next()).isEqualTo("PONG");
    assertThat(s.closed).isNotDone();
  }

  private static void nothingSent(RecordingSocket s) throws InterruptedException {
    assertThat(s.sent.poll(100, TimeUnit.MILLISECONDS)).as("nothing sent").isNull();
  }

  @Test
  void sendsAnEventOnceEncodedToEachRecipientAsParleyEvent() throws Exception {
    var server = server();
    RecordingSocket a = greeted(server, "");
    RecordingSocket b = greeted(server, "");
    Delivery d = server.emit(NEWS, Recipients.everyone(), new Note("hi"));
    assertThat(d).isEqualTo(new Delivery(2, 2, 0));
    String expected = "{\"method\":\"parley.event\",\"params\":{\"name\":\"news\",\"payload\":{\"text\":\"hi\"}}}";
    assertThat(a.next()).isEqualTo(expected);
    assertThat(b.next()).isEqualTo(expected);
  }

  @Test
  void anEventOfOneRoleNeverReachesAConnectionOfAnother() throws Exception {
    var server = server();
    RecordingSocket user = greeted(server, "");
    RecordingSocket agent = greeted(server, "as=agent");
    Connection<?> agentConn = server.connections().stream()
        .filter(c -> c.role().equals(AGENT)).findFirst().orElseThrow();
    assertThat(server.emit(USER_NEWS, Recipients.everyone(), new Note("x")).recipients()).isOne();
    assertThat(server.emit(USER_NEWS, Recipients.role(AGENT).optional(), new Note("x")))
        .isEqualTo(new Delivery(0, 0, 0));
    assertThatThrownBy(() -> server.emit(USER_NEWS, Recipients.connection(agentConn),
        new Note("x"))).isInstanceOfSatisfying(ParleyException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    assertThat(user.next()).contains("\"name\":\"userNews\"");
    nothingSent(user);
    nothingSent(agent);
  }

  @Test
  void aConnectionThatSaidNoHelloIsNoRecipient() throws Exception {
    var server = server();
    RecordingSocket plain = RecordingSocket.open(server, "");
    assertThat(server.connections()).isEmpty();
    assertThatThrownBy(() -> server.emit(NEWS, Recipients.everyone(), new Note("x")))
        .isInstanceOf(ParleyException.class).hasMessageContaining("No connection receives news");
    nothingSent(plain);
  }

  @Test
  void anInvalidPayloadIsRefusedBeforeItLeaves() throws Exception {
    var server = server();
    RecordingSocket a = greeted(server, "");
    assertThatThrownBy(() -> server.emit(NEWS, Recipients.everyone(), new Note("")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("text");
    nothingSent(a);
  }

  @Test
  void aClientThatSaysItTakesArraysGetsWhatQueuedWhileItDidNotReadAsOneArrayOthersOneByOne()
      throws Exception {
    var server = server(ServerOptions.defaults());
    RecordingSocket arrays = RecordingSocket.open(server, "");
    arrays.session().onText("{\"method\":\"parley.hello\",\"params\":{\"version\":1,"
        + "\"arrays\":true}}");
    assertThat(arrays.next()).startsWith("{\"method\":\"parley.hello\"");
    RecordingSocket plain = greeted(server, "");
    arrays.stuck = true;
    plain.stuck = true;
    for (int i = 1; i <= 3; i++) {
      server.emit(NEWS, Recipients.everyone(), new Note("n" + i));
    }
    String n1 = "{\"method\":\"parley.event\",\"params\":{\"name\":\"news\",\"payload\":"
        + "{\"text\":\"n1\"}}}";
    List<String> each = List.of(n1, n1.replace("n1", "n2"), n1.replace("n1", "n3"));
    List<String> arrayFrames = new ArrayList<>(List.of(arrays.next())); // held: it reads nothing
    List<String> plainFrames = new ArrayList<>(List.of(plain.next()));
    arrays.unstick();
    plain.unstick();
    while (String.join(",", arrayFrames).split("\"method\"", -1).length - 1 < 3) {
      arrayFrames.add(arrays.next());
    }
    while (plainFrames.size() < 3) {
      plainFrames.add(plain.next());
    }

    assertThat(plainFrames).containsExactlyElementsOf(each);
    assertThat(arrayFrames).as("what queued behind the held send went as one array")
        .anySatisfy(f -> assertThat(f).startsWith("[{").endsWith("}]"));
    assertThat(String.join(",", arrayFrames).replace("[", "").replace("]", ""))
        .isEqualTo(String.join(",", each));
    assertThat(plain.sent.poll(100, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void aFullQueueDropsTheEventForThatRecipientCountsItAndKeepsTheConnection() throws Exception {
    var server = server(ServerOptions.builder().socketQueueBytes(300).build());
    RecordingSocket slow = greeted(server, "");
    RecordingSocket fast = greeted(server, "");
    slow.stuck = true;
    Note big = new Note("x".repeat(200));
    Delivery first = server.emit(NEWS, Recipients.everyone(), big);
    assertThat(first).isEqualTo(new Delivery(2, 2, 0));
    String message = fast.next();
    assertThat(slow.next()).isEqualTo(message);
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (server.socketStats().queuedBytes() > message.length() && System.nanoTime() < until) {
      Thread.sleep(1); // until the fast one's queue is empty, only the slow one's message is left
    }
    Delivery second = server.emit(NEWS, Recipients.everyone(), big);
    assertThat(second).isEqualTo(new Delivery(2, 1, 1));
    assertThat(server.eventsDropped()).isEqualTo(1);
    assertThat(fast.next()).isEqualTo(message);
    slow.unstick();
    nothingSent(slow);
    stillOpen(slow);
  }

  @Test
  void anAwaitedEventCompletesOnlyOnceWrittenToEachRecipient() throws Exception {
    var server = server();
    RecordingSocket slow = greeted(server, "");
    RecordingSocket fast = greeted(server, "");
    slow.stuck = true;
    CompletableFuture<Delivery> done = server.emitAndWait(NEWS, Recipients.everyone(), new Note("a"));
    assertThat(fast.next()).contains("parley.event");
    assertThat(slow.next()).contains("parley.event");
    Thread.sleep(100);
    assertThat(done).isNotDone();
    slow.unstick();
    assertThat(done.get(5, TimeUnit.SECONDS)).isEqualTo(new Delivery(2, 2, 0));
  }

  @Test
  void anAwaitedEventToAConnectionThatEndsFirstCountsItDropped() throws Exception {
    var server = server();
    RecordingSocket slow = greeted(server, "");
    slow.stuck = true;
    CompletableFuture<Delivery> done = server.emitAndWait(NEWS, Recipients.everyone(), new Note("a"));
    slow.abort();
    assertThat(done.get(5, TimeUnit.SECONDS)).isEqualTo(new Delivery(1, 0, 1));
  }

  @Test
  void aClientEventRunsItsHandlerAndIsNeverAnswered() throws Exception {
    var server = server();
    RecordingSocket s = greeted(server, "");
    s.session().onText("{\"method\":\"parley.emit\",\"params\":{\"name\":\"typing\",\"payload\":{\"text\":\"hm\"}}}");
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (typed.isEmpty() && System.nanoTime() < until) {
      Thread.sleep(5);
    }
    assertThat(typed).containsExactly(new Note("hm"));
    nothingSent(s);
    assertThat(server.clientEventsDropped()).isZero();
  }

  @Test
  void badClientEventsAreDroppedCountedAndUnansweredAndTheConnectionGoesOn() throws Exception {
    var server = server();
    RecordingSocket s = greeted(server, "");
    String[] bad = {
        "{\"id\":1,\"method\":\"parley.emit\",\"params\":\"typing\"}",                       // params not an object
        "{\"id\":2,\"method\":\"parley.emit\",\"params\":{\"name\":\"nope\",\"payload\":{}}}", // unknown event
        "{\"id\":3,\"method\":\"parley.emit\",\"params\":{\"name\":\"typing\",\"payload\":{\"text\":\"\"}}}", // invalid
        "{\"id\":4,\"method\":\"parley.emit\",\"params\":{\"name\":\"typing\",\"payload\":7}}",   // wrong shape
        "{\"id\":5,\"method\":\"parley.emit\",\"params\":{\"name\":\"agentTyping\",\"payload\":{\"text\":\"a\"}}}", // another role's
        "{\"id\":6,\"method\":\"parley.emit\",\"params\":{\"name\":\"news\",\"payload\":{\"text\":\"a\"}}}", // a server event
    };
    for (String m : bad) {
      s.session().onText(m);
    }
    nothingSent(s);
    assertThat(server.clientEventsDropped()).isEqualTo(bad.length);
    assertThat(typed).isEmpty();
    stillOpen(s);
  }

  @Test
  void realtimeMessagesBeforeHelloAreRefused() throws Exception {
    var server = server();
    RecordingSocket s = RecordingSocket.open(server, "");
    s.session().onText("{\"id\":1,\"method\":\"parley.register\",\"params\":{\"procedures\":[\"confirm\"]}}");
    assertThat(s.next()).contains("\"id\":1").contains("comes after \\\"parley.hello\\\"")
        .contains("BAD_REQUEST");
    stillOpen(s);
  }

  @Test
  void aClientProcedureIsAnsweredWithATypedValidatedOutput() throws Exception {
    var server = server();
    RecordingSocket s = greeted(server, "");
    s.session().onText("{\"method\":\"parley.register\",\"params\":{\"procedures\":[\"confirm\"]}}");
    Connection<User> user = server.connections().get(0).as(USER).orElseThrow();
    CompletableFuture<Note> answer = server.call(user, CONFIRM, new Note("sure?"));
    assertThat(s.next()).isEqualTo("{\"method\":\"parley.call\",\"params\":{\"call\":1,\"name\":\"confirm\",\"input\":{\"text\":\"sure?\"}}}");
    s.session().onText("{\"method\":\"parley.answer\",\"params\":{\"call\":1,\"output\":{\"text\":\"yes\"}}}");
    assertThat(answer.get(5, TimeUnit.SECONDS)).isEqualTo(new Note("yes"));
    nothingSent(s);
  }

  @Test
  void anInvalidAnswerFailsTheCallAndIsRefusedToTheClient() throws Exception {
    var server = server();
    RecordingSocket s = greeted(server, "");
    s.session().onText("{\"method\":\"parley.register\",\"params\":{\"procedures\":[\"confirm\"]}}");
    Connection<User> user = server.connections().get(0).as(USER).orElseThrow();
    CompletableFuture<Note> answer = server.call(user, CONFIRM, new Note("sure?"));
    s.next();
    s.session().onText("{\"id\":9,\"method\":\"parley.answer\",\"params\":{\"call\":1,\"output\":{\"text\":\"\"}}}");
    assertThatThrownBy(() -> answer.get(5, TimeUnit.SECONDS)).cause()
        .isInstanceOfSatisfying(ParleyException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
          assertThat(e.issues()).isNotEmpty();
        });
    assertThat(s.next()).contains("\"id\":9").contains("BAD_REQUEST");
    stillOpen(s);
  }

  @Test
  void anAnswerToAnUnknownOrAnsweredCallIsRefusedAndTheConnectionGoesOn() throws Exception {
    var server = server();
    RecordingSocket s = greeted(server, "");
    s.session().onText("{\"id\":1,\"method\":\"parley.answer\",\"params\":{\"call\":42,\"output\":{\"text\":\"x\"}}}");
    assertThat(s.next()).contains("\"id\":1").contains("No call 42 waits");
    s.session().onText("{\"method\":\"parley.register\",\"params\":{\"procedures\":[\"confirm\"]}}");
    Connection<User> user = server.connections().get(0).as(USER).orElseThrow();
    CompletableFuture<Note> answer = server.call(user, CONFIRM, new Note("q"));
    s.next();
    String reply = "{\"id\":2,\"method\":\"parley.answer\",\"params\":{\"call\":1,\"output\":{\"text\":\"x\"}}}";
    s.session().onText(reply);
    assertThat(answer.get(5, TimeUnit.SECONDS)).isEqualTo(new Note("x"));
    s.session().onText(reply); // the same answer again
    assertThat(s.next()).contains("\"id\":2").contains("No call 1 waits");
    s.session().onText("{\"id\":3,\"method\":\"parley.answer\",\"params\":{\"call\":\"one\"}}");
    assertThat(s.next()).contains("\"id\":3").contains("params.call");
    stillOpen(s);
  }

  @Test
  void aProcedureTheClientDidNotRegisterIsNotFound() throws Exception {
    var server = server();
    RecordingSocket s = greeted(server, "");
    Connection<User> user = server.connections().get(0).as(USER).orElseThrow();
    assertThatThrownBy(() -> server.call(user, CONFIRM, new Note("q")).get(5, TimeUnit.SECONDS))
        .cause().isInstanceOfSatisfying(ParleyException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    nothingSent(s);
  }

  @Test
  void registeringAnotherRolesOrAnUnknownProcedureIsRefusedAndRegistersNothing() throws Exception {
    var server = server();
    RecordingSocket s = greeted(server, "");
    s.session().onText("{\"id\":1,\"method\":\"parley.register\",\"params\":{\"procedures\":[\"confirm\",\"agentConfirm\"]}}");
    assertThat(s.next()).contains("\"id\":1").contains("NOT_FOUND").contains("agentConfirm");
    s.session().onText("{\"id\":2,\"method\":\"parley.register\",\"params\":{\"procedures\":\"confirm\"}}");
    assertThat(s.next()).contains("\"id\":2").contains("BAD_REQUEST");
    Connection<?> c = server.connections().get(0);
    assertThat(c.implementsProcedure(CONFIRM)).isFalse();
    // a connection of another role typed by an unchecked cast is still refused at run time
    @SuppressWarnings("unchecked")
    Connection<Agent> forged = (Connection<Agent>) (Connection<?>) c;
    assertThat(c.as(AGENT)).isEmpty();
    assertThatThrownBy(() -> server.call(forged, AGENT_CONFIRM, new Note("q")).get(5, TimeUnit.SECONDS))
        .cause().isInstanceOfSatisfying(ParleyException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    nothingSent(s);
    stillOpen(s);
  }

  @Test
  void aCallNotAnsweredInTimeFailsTimeoutAndItsLateAnswerIsRefused() throws Exception {
    var server = server();
    RecordingSocket s = greeted(server, "");
    s.session().onText("{\"method\":\"parley.register\",\"params\":{\"procedures\":[\"confirm\"]}}");
    Connection<User> user = server.connections().get(0).as(USER).orElseThrow();
    CompletableFuture<Note> answer = server.call(user, CONFIRM, new Note("q"), Duration.ofMillis(100));
    s.next();
    assertThatThrownBy(() -> answer.get(5, TimeUnit.SECONDS)).cause()
        .isInstanceOfSatisfying(ParleyException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT));
    s.session().onText("{\"id\":5,\"method\":\"parley.answer\",\"params\":{\"call\":1,\"output\":{\"text\":\"late\"}}}");
    assertThat(s.next()).contains("\"id\":5").contains("No call 1 waits");
    stillOpen(s);
  }

  @Test
  void callsPastTheLimitAreRefusedTooManyRequestsAndNothingIsSent() throws Exception {
    var server = server(ServerOptions.builder().socketMaxClientCalls(2).build());
    RecordingSocket s = greeted(server, "");
    s.session().onText("{\"method\":\"parley.register\",\"params\":{\"procedures\":[\"confirm\"]}}");
    Connection<User> user = server.connections().get(0).as(USER).orElseThrow();
    server.call(user, CONFIRM, new Note("1"));
    server.call(user, CONFIRM, new Note("2"));
    CompletableFuture<Note> third = server.call(user, CONFIRM, new Note("3"));
    assertThatThrownBy(() -> third.get(5, TimeUnit.SECONDS)).cause()
        .isInstanceOfSatisfying(ParleyException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.TOO_MANY_REQUESTS));
    assertThat(s.next()).contains("\"call\":1");
    assertThat(s.next()).contains("\"call\":2");
    nothingSent(s);
    stillOpen(s);
  }

  @Test
  void aCallFailsWhenItsConnectionEnds() throws Exception {
    var server = server();
    RecordingSocket s = greeted(server, "");
    s.session().onText("{\"method\":\"parley.register\",\"params\":{\"procedures\":[\"confirm\"]}}");
    Connection<User> user = server.connections().get(0).as(USER).orElseThrow();
    CompletableFuture<Note> answer = server.call(user, CONFIRM, new Note("q"));
    s.abort();
    assertThatThrownBy(() -> answer.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
        .cause().isInstanceOfSatisfying(ParleyException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CLIENT_CLOSED_REQUEST));
    assertThat(user.isOpen()).isFalse();
    assertThat(server.connections()).isEmpty();
  }

  @Test
  void aClientErrorReachesTheCallerWithItsCodeAndMessage() throws Exception {
    var server = server();
    RecordingSocket s = greeted(server, "");
    s.session().onText("{\"method\":\"parley.register\",\"params\":{\"procedures\":[\"confirm\"]}}");
    Connection<User> user = server.connections().get(0).as(USER).orElseThrow();
    CompletableFuture<Note> answer = server.call(user, CONFIRM, new Note("q"));
    s.next();
    s.session().onText("{\"method\":\"parley.answer\",\"params\":{\"call\":1,\"error\":{\"code\":\"FORBIDDEN\",\"message\":\"no way\"}}}");
    assertThatThrownBy(() -> answer.get(5, TimeUnit.SECONDS)).cause()
        .isInstanceOfSatisfying(ParleyException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN);
          assertThat(e.getMessage()).isEqualTo("no way");
        });
  }
}
