package dev.parley.examples.chat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.examples.EventStreamClient;
import dev.parley.examples.EventStreamClient.Event;
import dev.parley.examples.chat.ChatApi.Post;
import dev.parley.examples.live.SlowFeed;
import dev.parley.examples.todos.TodoDemo;
import dev.parley.examples.todos.TodoStore;
import dev.parley.testing.ParleyTest;
import dev.parley.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code chat.send} and {@code chat.onMessage} over HTTP and SSE through Jetty. */
class RoomsOverSseTest {
  private final Rooms rooms = new Rooms();
  private TestServer test;
  private HttpClient http;

  @BeforeEach
  void start() {
    test = ParleyTest.http(TodoDemo.server(new TodoStore(), new ChatRoom(), rooms, new SlowFeed(),
        new DemoTokens("user-secret", "agent-secret")));
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  }

  @AfterEach
  void stop() {
    test.close();
    http.shutdownNow(); // an SSE stream a failed test left open must not hold it
  }

  private String send(String room, String text) {
    return test.client().mutate(ChatApi.SEND, new Post(room, text)).id();
  }

  private HttpResponse<String> post(String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(test.uri() + "/chat.send"))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /**
   * Follows {@code room}, resuming after {@code lastEventId} when not null. A first subscription
   * hears what is sent once its handler follows the room, which may be just after {@code
   * connected}: it returns only then.
   */
  private EventStreamClient follow(String room, String lastEventId) throws Exception {
    int before = rooms.followers(room);
    var stream = EventStreamClient.open(http, test.uri(), "chat.onMessage",
        "{\"room\":\"" + room + "\"}", lastEventId == null ? Map.of() : Map.of("Last-Event-ID", lastEventId));
    assertThat(stream.next().event()).isEqualTo("connected");
    if (lastEventId != null) {
      return stream; // what is sent meanwhile comes as newer than the id
    }
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (rooms.followers(room) == before && System.nanoTime() < until) {
      Thread.sleep(5);
    }
    assertThat(rooms.followers(room)).isEqualTo(before + 1);
    return stream;
  }

  private static String message(String id, String room, String text) {
    return id + ":{\"id\":\"" + id + "\",\"room\":\"" + room + "\",\"text\":\"" + text + "\"}";
  }

  private static String value(Event e) {
    assertThat(e.event()).as("event of %s", e).isEqualTo("message");
    return e.id() + ":" + e.data();
  }

  @Test
  void sendAnswersDecimalIdsThatIncreaseAcrossRooms() throws Exception {
    List<Long> ids = new ArrayList<>();
    for (String room : List.of("a", "b", "a", "c", "b")) {
      String id = send(room, "hi");
      assertThat(id).matches("[0-9]+");
      ids.add(Long.parseLong(id));
    }
    assertThat(ids).isSorted().doesNotHaveDuplicates();
    assertThat(post("{\"room\":\"a\",\"text\":\"raw\"}").body())
        .startsWith("{\"result\":{\"data\":{\"id\":\"" + (ids.getLast() + 1) + "\"}");
  }

  @Test
  void sendRefusesARoomOrTextOutsideItsLengthsBadRequestAtThePath() throws Exception {
    String room100 = "r".repeat(100);
    String text500 = "t".repeat(500);
    assertThat(post("{\"room\":\"" + room100 + "\",\"text\":\"" + text500 + "\"}").statusCode())
        .isEqualTo(200);
    for (String[] bad : new String[][] {
        {"{\"room\":\"\",\"text\":\"x\"}", "room"},
        {"{\"room\":\"" + room100 + "r\",\"text\":\"x\"}", "room"},
        {"{\"room\":\"a\",\"text\":\"\"}", "text"},
        {"{\"room\":\"a\",\"text\":\"" + text500 + "t\"}", "text"},
        {"{\"text\":\"x\"}", "room"}}) {
      var r = post(bad[0]);
      assertThat(r.statusCode()).as(bad[0]).isEqualTo(400);
      assertThat(r.body()).as(bad[0]).contains("\"code\":\"BAD_REQUEST\"", "\"path\":\"" + bad[1] + "\"");
    }
  }

  @Test
  void onMessageEmitsTheMessagesOfItsRoomSentAfterItSubscribedTrackedByTheirIds() throws Exception {
    send("a", "before");
    try (var stream = follow("a", null)) {
      String other = send("b", "elsewhere");
      String one = send("a", "one");
      String two = send("a", "two");

      assertThat(value(stream.next())).isEqualTo(message(one, "a", "one"));
      assertThat(value(stream.next())).isEqualTo(message(two, "a", "two"));
      assertThat(Long.parseLong(other)).isLessThan(Long.parseLong(one));
    }
  }

  @Test
  void onMessageResumedReplaysTheRoomsLastHundredNewerThanTheIdThenGoesLive() throws Exception {
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= 150; i++) {
      ids.add(rooms.send("a", "m" + i).id()); // past the rate limit of chat.send over HTTP
    }
    try (var stream = follow("a", ids.get(19))) { // after m20: m21..m150 are newer, the last 100 kept
      for (int i = 51; i <= 150; i++) {
        assertThat(value(stream.next())).isEqualTo(message(ids.get(i - 1), "a", "m" + i));
      }
      String live = send("a", "live");
      assertThat(value(stream.next())).isEqualTo(message(live, "a", "live"));
    }
    try (var stream = follow("a", ids.get(139))) { // after m140: m141..m150, then live
      for (int i = 141; i <= 150; i++) {
        assertThat(value(stream.next())).isEqualTo(message(ids.get(i - 1), "a", "m" + i));
      }
      assertThat(stream.next().data()).contains("\"text\":\"live\"");
    }
  }

  @Test
  void onMessageResumedAfterAnIdOfAnotherRoomReplaysOnlyTheNewerMessages() throws Exception {
    String a1 = send("a", "a1");
    String b1 = send("b", "b1");
    String a2 = send("a", "a2");
    try (var stream = follow("a", b1)) {
      String a3 = send("a", "a3");

      assertThat(value(stream.next())).isEqualTo(message(a2, "a", "a2"));
      assertThat(value(stream.next())).isEqualTo(message(a3, "a", "a3"));
      assertThat(a1).isNotEqualTo(a2);
    }
  }

  @Test
  void resumesAfterDroppedConnectionsWithNothingLostOrDoubled() throws Exception {
    int total = 60;
    List<String> sent = new CopyOnWriteArrayList<>();
    List<String> received = new ArrayList<>();
    try (var first = follow("a", null)) {
      Thread sender = Thread.ofVirtual().start(() -> {
        for (int i = 0; i < total; i++) {
          sent.add(send("a", "m" + i));
          try {
            Thread.sleep(3);
          } catch (InterruptedException e) {
            return;
          }
        }
      });
      var stream = first;
      String last = null;
      while (received.size() < total) {
        Event e = stream.next();
        received.add(e.id());
        last = e.id();
        if (received.size() % 13 == 0) { // drop the connection, then resume from the last id seen
          stream.close();
          stream = follow("a", last);
        }
      }
      stream.close();
      sender.join();
    }
    assertThat(received).containsExactlyElementsOf(sent);
  }

  @Test
  void onMessageRefusesANonDecimalLastEventIdBadRequest() throws Exception {
    try (var stream = EventStreamClient.open(http, test.uri(), "chat.onMessage",
        "{\"room\":\"a\"}", Map.of("Last-Event-ID", "latest"))) {
      assertThat(stream.toEnd()).singleElement().satisfies(e -> {
        assertThat(e.event()).isEqualTo("serialized-error");
        assertThat(e.data()).contains("\"code\":\"BAD_REQUEST\"", "lastEventId");
      });
    }
    assertThat(rooms.followers("a")).isZero();
  }

  @Test
  void aFollowerThatGoesAwayNoLongerHoldsItsRoom() throws Exception {
    var stream = follow("a", null);
    stream.close();
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (rooms.followers("a") > 0 && System.nanoTime() < until) {
      send("a", "wakes the follower, whose write then fails");
      Thread.sleep(20);
    }
    assertThat(rooms.followers("a")).isZero();
  }
}
