package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Contract;
import dev.parley.Parley;
import dev.parley.Shared;
import dev.parley.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@link ReplayWindow} followers on WebSocket connections, whose values {@link ReplayWindow#publish}
 * hands straight to the connection while it has room, and whose own thread takes over when it has
 * not: none lost, doubled or out of order across the hand-overs.
 */
class ReplayWindowPushTest {
  static final Subscription<Shared, Void, Integer> FEED =
      Parley.subscription("feed").output(Integer.class);
  private static final Pattern VALUE = Pattern.compile("\"data\":\\{\"id\":\"(\\d+)\",\"data\":(\\d+)}");

  private final AtomicInteger following = new AtomicInteger();

  private ParleyServer<?> server(ReplayWindow<Integer> window, ServerOptions options) {
    var server = ParleyServer.builder(Contract.of(FEED)).options(options).build();
    server.implement(FEED, (ctx, in, sink) -> {
      following.incrementAndGet();
      try {
        window.follow(sink);
      } finally {
        following.decrementAndGet();
      }
    });
    return server;
  }

  private RecordingSocket subscribe(ParleyServer<?> server, RecordingSocket socket)
      throws Exception {
    int before = following.get();
    RecordingSocket.open(server, "", socket);
    socket.session().onText("{\"id\":1,\"method\":\"subscription\",\"params\":{\"path\":\"feed\"}}");
    assertThat(socket.next()).isEqualTo("{\"id\":1,\"result\":{\"type\":\"started\"}}");
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (following.get() == before && System.nanoTime() < until) {
      Thread.sleep(1);
    }
    Thread.sleep(20); // it reaches its wait right after it starts
    return socket;
  }

  /** Waits, at most 5 s, until {@code n} handlers follow the window: a stopped one has left. */
  private void awaitFollowing(int n) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (following.get() > n && System.nanoTime() < until) {
      Thread.sleep(1);
    }
    assertThat(following).hasValue(n);
  }

  private static List<Integer> values(RecordingSocket socket, int n) throws Exception {
    List<Integer> seen = new ArrayList<>();
    while (seen.size() < n) {
      String m = socket.next();
      Matcher v = VALUE.matcher(m);
      assertThat(v.find()).as(m).isTrue();
      assertThat(v.group(1)).isEqualTo(v.group(2));
      seen.add(Integer.parseInt(v.group(2)));
    }
    return seen;
  }

  private static List<Integer> upTo(int n) {
    List<Integer> all = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      all.add(i);
    }
    return all;
  }

  @Test
  void liveFollowersGetEveryValueInOrder() throws Exception {
    ReplayWindow<Integer> window = new ReplayWindow<>(1000);
    var server = server(window, ServerOptions.builder().build());
    RecordingSocket a = subscribe(server, new RecordingSocket());
    RecordingSocket b = subscribe(server, new RecordingSocket());

    for (int i = 1; i <= 200; i++) {
      window.publish(Integer.toString(i), i);
    }

    assertThat(values(a, 200)).isEqualTo(upTo(200));
    assertThat(values(b, 200)).isEqualTo(upTo(200));
  }

  @Test
  void aFollowerWhoseQueueIsOftenFullLosesAndDoublesNothing() throws Exception {
    ReplayWindow<Integer> window = new ReplayWindow<>(1000);
    // room for about two values: most publications find the queue full and wake the follower
    var server = server(window, ServerOptions.builder().socketQueueBytes(150).build());
    RecordingSocket slow = subscribe(server, new RecordingSocket());
    RecordingSocket fast = subscribe(server, new RecordingSocket());

    for (int i = 1; i <= 500; i++) {
      window.publish(Integer.toString(i), i);
    }

    assertThat(values(slow, 500)).isEqualTo(upTo(500));
    assertThat(values(fast, 500)).isEqualTo(upTo(500));
  }

  @Test
  void aFollowerThatStopsReadingIsClosedAlonePublishersGoOn() throws Exception {
    ReplayWindow<Integer> window = new ReplayWindow<>(1000);
    var server = server(window, ServerOptions.builder().socketQueueBytes(150)
        .socketStallTimeout(Duration.ofMillis(200)).keepAlive(Duration.ZERO).build());
    RecordingSocket stuck = new RecordingSocket();
    subscribe(server, stuck);
    stuck.stuck = true;
    RecordingSocket reader = subscribe(server, new RecordingSocket());

    long start = System.nanoTime();
    for (int i = 1; i <= 100; i++) {
      window.publish(Integer.toString(i), i);
    }
    long publishing = System.nanoTime() - start;

    assertThat(values(reader, 100)).isEqualTo(upTo(100));
    assertThat(stuck.closed.get(10, TimeUnit.SECONDS)).startsWith("1013");
    assertThat(publishing).as("publish never waits for a connection")
        .isLessThan(TimeUnit.MILLISECONDS.toNanos(200));
  }

  @Test
  void aStoppedFollowerLeavesAtOnceAndGetsNothingMore() throws Exception {
    ReplayWindow<Integer> window = new ReplayWindow<>(10);
    var server = server(window, ServerOptions.builder().build());
    RecordingSocket socket = subscribe(server, new RecordingSocket());
    window.publish("1", 1);
    assertThat(values(socket, 1)).containsExactly(1);

    socket.session().onText("{\"id\":1,\"method\":\"subscription.stop\"}");

    assertThat(socket.next()).isEqualTo("{\"id\":1,\"result\":{\"type\":\"stopped\"}}");
    awaitFollowing(0);
    window.publish("2", 2);
    assertThat(socket.sent.poll(100, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void followersSplitAmongThreadsEachGetEveryValueInOrderWhateverTheirQueues() throws Exception {
    ReplayWindow<Integer> window = new ReplayWindow<>(1000, 1); // a part per follower and core
    List<RecordingSocket> roomy = new ArrayList<>();
    List<RecordingSocket> tight = new ArrayList<>();
    var server = server(window, ServerOptions.builder().build());
    var small = server(window, ServerOptions.builder().socketQueueBytes(150).build());
    for (int i = 0; i < 4; i++) {
      roomy.add(subscribe(server, new RecordingSocket()));
      tight.add(subscribe(small, new RecordingSocket()));
    }
    tight.forEach(s -> s.stuck = true); // their queues fill: they leave the push in every part

    for (int i = 1; i <= 500; i++) {
      window.publish(Integer.toString(i), i);
    }
    tight.forEach(RecordingSocket::unstick);

    for (RecordingSocket s : roomy) {
      assertThat(values(s, 500)).isEqualTo(upTo(500));
    }
    for (RecordingSocket s : tight) {
      assertThat(values(s, 500)).as("woken, caught up and pushed to again").isEqualTo(upTo(500));
    }
  }

  @Test
  void aStoppedFollowerAmongSplitOnesLeavesAndTheOthersGoOn() throws Exception {
    ReplayWindow<Integer> window = new ReplayWindow<>(100, 1);
    var server = server(window, ServerOptions.builder().build());
    List<RecordingSocket> sockets = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      sockets.add(subscribe(server, new RecordingSocket()));
    }
    window.publish("1", 1);
    RecordingSocket stopped = sockets.remove(2);
    assertThat(values(stopped, 1)).containsExactly(1);
    stopped.session().onText("{\"id\":1,\"method\":\"subscription.stop\"}");
    assertThat(stopped.next()).isEqualTo("{\"id\":1,\"result\":{\"type\":\"stopped\"}}");
    awaitFollowing(4);

    for (int i = 2; i <= 50; i++) {
      window.publish(Integer.toString(i), i);
    }

    for (RecordingSocket s : sockets) {
      assertThat(values(s, 50)).isEqualTo(upTo(50));
    }
    assertThat(stopped.sent.poll(100, TimeUnit.MILLISECONDS)).isNull();
  }
}
