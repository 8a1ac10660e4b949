package dev.parley.examples.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.ErrorCode;
import dev.parley.Invoker;
import dev.parley.ParleyException;
import dev.parley.SubscriptionListener;
import dev.parley.examples.chat.ChatApi.RoomMessage;
import dev.parley.examples.chat.ChatApi.RoomName;
import dev.parley.examples.live.SlowFeed;
import dev.parley.examples.todos.TodoDemo;
import dev.parley.examples.todos.TodoStore;
import dev.parley.server.ParleyServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The bound on {@link Rooms}, with followers subscribed in process through the demo's server. */
class RoomsTest {
  private final Rooms rooms = new Rooms(2);
  private final ParleyServer<?> server = TodoDemo.server(new TodoStore(), new ChatRoom(), rooms,
      new SlowFeed(), new DemoTokens("user-secret", "agent-secret"));

  private Invoker.Stream follow(String room, SubscriptionListener<RoomMessage> listener)
      throws InterruptedException {
    Invoker.Stream stream = server.invoker().subscribe(ChatApi.ON_MESSAGE, new RoomName(room), null, listener);
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (rooms.followers(room) == 0 && !stream.isDone() && System.nanoTime() < until) {
      Thread.sleep(5);
    }
    return stream;
  }

  @Test
  void keepsAtMostItsRoomsDroppingTheLeastRecentlyUsedOneWithItsHistory() {
    rooms.send("a", "1");
    rooms.send("b", "2");
    rooms.send("a", "3"); // a is now more recent than b
    rooms.send("c", "4");

    assertThat(rooms.size()).isEqualTo(2);
    assertThat(rooms.toString()).isEqualTo("Rooms[2 of 2]");
  }

  @Test
  void neverDropsAFollowedRoomAndRefusesANewRoomWhenEveryRoomIsFollowed() throws Exception {
    List<String> heard = new CopyOnWriteArrayList<>();
    SubscriptionListener<RoomMessage> listener = (m, id) -> heard.add(id + ":" + m.room() + ":" + m.text());
    Invoker.Stream a = follow("a", listener);
    Invoker.Stream b = follow("b", listener);
    assertThat(rooms.followers("a")).isEqualTo(1);

    assertThatThrownBy(() -> server.invoker().invoke(ChatApi.SEND, new ChatApi.Post("c", "x"),
        Duration.ZERO)).isInstanceOfSatisfying(ParleyException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE));
    Refused refused = new Refused();
    server.invoker().subscribe(ChatApi.ON_MESSAGE, new RoomName("c"), null, refused);
    assertThat(refused.await()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);

    String id = rooms.send("a", "still here").id();
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (heard.isEmpty() && System.nanoTime() < until) {
      Thread.sleep(5);
    }
    assertThat(heard).containsExactly(id + ":a:still here");

    b.stop();
    until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (rooms.followers("b") > 0 && System.nanoTime() < until) {
      Thread.sleep(5);
    }
    rooms.send("c", "b was dropped for c");
    assertThat(rooms.followers("a")).isEqualTo(1);
    assertThat(rooms.size()).isEqualTo(2);
    a.stop();
  }

  @Test
  void refusesAMaximumOfNoRooms() {
    assertThatThrownBy(() -> new Rooms(0)).hasMessage("maxRooms: 0 (expected: > 0)");
  }

  /** Waits for a subscription's error. */
  private static final class Refused implements SubscriptionListener<RoomMessage> {
    private final java.util.concurrent.CompletableFuture<ErrorCode> code = new java.util.concurrent.CompletableFuture<>();

    @Override
    public void onValue(RoomMessage value, @Nullable String id) {
      code.completeExceptionally(new AssertionError("a value: " + value));
    }

    @Override
    public void onError(ParleyException error) {
      code.complete(error.code());
    }

    @Override
    public void onComplete() {
      code.completeExceptionally(new AssertionError("completed"));
    }

    ErrorCode await() throws Exception {
      return code.get(10, TimeUnit.SECONDS);
    }
  }
}
