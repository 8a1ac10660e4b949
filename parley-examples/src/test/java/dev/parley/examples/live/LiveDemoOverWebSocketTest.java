package dev.parley.examples.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.ErrorCode;
import dev.parley.Shared;
import dev.parley.client.ParleyClient;
import dev.parley.examples.chat.ChatApi;
import dev.parley.examples.chat.ChatApi.Post;
import dev.parley.examples.chat.ChatApi.RoomMessage;
import dev.parley.examples.chat.ChatApi.RoomName;
import dev.parley.examples.chat.ChatRoom;
import dev.parley.examples.chat.DemoTokens;
import dev.parley.examples.chat.Rooms;
import dev.parley.examples.live.LiveApi.Tick;
import dev.parley.examples.live.LiveApi.TickerInput;
import dev.parley.examples.todos.TodoDemo;
import dev.parley.examples.todos.TodoStore;
import dev.parley.testing.ParleyTest;
import dev.parley.testing.Subscribed;
import dev.parley.testing.TestServer;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The demo's subscriptions through Jetty and the Java client's WebSocket link. */
class LiveDemoOverWebSocketTest {
  private final SlowFeed slow = new SlowFeed();
  private final Rooms rooms = new Rooms();
  private TestServer test;
  private ParleyClient<Shared> ws;

  @BeforeEach
  void start() {
    test = ParleyTest.http(TodoDemo.server(new TodoStore(), new ChatRoom(), rooms, slow,
        new DemoTokens("user-secret", "agent-secret")));
    ws = test.websocket();
  }

  @AfterEach
  void stop() {
    ws.close();
    test.close();
  }

  @Test
  void tickerSendsTrackedNumbersThenCompletes() {
    try (Subscribed<Tick> ticks = ParleyTest.subscribe(ws, LiveApi.TICKER, new TickerInput(5, 3, 0))) {
      ticks.awaitCompletion();

      assertThat(ticks.values()).extracting(Tick::n).containsExactly(5L, 6L, 7L);
      assertThat(ticks.ids()).containsExactly("5", "6", "7");
    }
  }

  @Test
  void tickerRefusesABadInputBadRequest() {
    try (Subscribed<Tick> ticks = ParleyTest.subscribe(ws, LiveApi.TICKER, new TickerInput(0, 1001, 0))) {
      assertThat(ticks.awaitError().code()).isEqualTo(ErrorCode.BAD_REQUEST);
      assertThat(ticks.values()).isEmpty();
    }
  }

  @Test
  void chatOnMessageHearsWhatIsSentToItsRoomAfterItFollows() throws Exception {
    try (Subscribed<RoomMessage> room = ParleyTest.subscribe(ws, ChatApi.ON_MESSAGE, new RoomName("a"))) {
      eventually(() -> rooms.followers("a"), 1);
      String other = test.client().mutate(ChatApi.SEND, new Post("b", "elsewhere")).id();
      String id = ws.mutate(ChatApi.SEND, new Post("a", "over the socket")).id();

      assertThat(room.awaitValues(1)).containsExactly(new RoomMessage(id, "a", "over the socket"));
      assertThat(room.ids()).containsExactly(id);
      assertThat(Long.parseLong(id)).isGreaterThan(Long.parseLong(other));
    }
  }

  @Test
  void stoppingSlowEndsItsHandlerAtOnceAndSlowActiveSaysSo() throws Exception {
    Subscribed<Tick> first = ParleyTest.subscribe(ws, LiveApi.SLOW);
    Subscribed<Tick> second = ParleyTest.subscribe(ws, LiveApi.SLOW);
    assertThat(first.awaitValues(1)).containsExactly(new Tick(0));
    second.awaitValues(1);
    assertThat(ws.query(LiveApi.SLOW_ACTIVE)).isEqualTo(2);

    first.close();
    eventually(() -> ws.query(LiveApi.SLOW_ACTIVE), 1);
    ws.close();
    eventually(slow::active, 0);
  }

  private static void eventually(IntSupplier actual, int expected) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (actual.getAsInt() != expected && System.nanoTime() < until) {
      Thread.sleep(20);
    }
    assertThat(actual.getAsInt()).isEqualTo(expected);
  }
}
