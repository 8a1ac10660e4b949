package dev.parley.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.ServerOptions;
import dev.parley.server.SocketStats;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A WebSocket connection's life: many subscriptions at once, its end by the client, by a dead
 * peer, by a peer that does not read, and by the server's shutdown; each cancels its handlers.
 */
class WebSocketLifecycleTest {
  private SocketApi api;
  private JettyTransport transport;

  private void start(ServerOptions options) {
    api = new SocketApi(options);
    transport = api.start();
  }

  @AfterEach
  void stop() {
    transport.close();
  }

  private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean() && System.nanoTime() < until) {
      Thread.sleep(10);
    }
    return condition.getAsBoolean();
  }

  private static String subscribe(int id, String path) {
    return "{\"id\":" + id + ",\"method\":\"subscription\",\"params\":{\"path\":\"" + path + "\"}}";
  }

  @Test
  void serves200SubscriptionsAtOnceOnOneSocket() throws Exception {
    start(ServerOptions.defaults());
    try (SocketClient ws = SocketClient.open(transport, "")) {
      List<String> subscribes = new ArrayList<>();
      List<String> stops = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        subscribes.add(subscribe(i, "forever"));
        stops.add("{\"id\":" + i + ",\"method\":\"subscription.stop\"}");
      }
      ws.send("[" + String.join(",", subscribes) + "]");
      assertThat(api.liveBecomes(200)).isTrue();
      ws.send("[" + String.join(",", stops) + "]");
      int stopped = 0;
      while (stopped < 200) {
        if (ws.next().endsWith("\"result\":{\"type\":\"stopped\"}}")) {
          stopped++;
        }
      }
      assertThat(api.liveBecomes(0)).isTrue();
      assertThat(api.cancelled.get()).isEqualTo(200);
    }
  }

  @Test
  void cancelsEverySubscriptionWhenTheClientDisconnects() throws Exception {
    start(ServerOptions.defaults());
    SocketClient ws = SocketClient.open(transport, "");
    ws.send("[" + subscribe(1, "forever") + "," + subscribe(2, "forever") + ","
        + subscribe(3, "forever") + "]");
    assertThat(api.liveBecomes(3)).isTrue();

    ws.socket.abort();

    assertThat(api.liveBecomes(0)).isTrue();
    assertThat(api.cancelled.get()).isEqualTo(3);
    assertThat(eventually(() -> api.server.socketStats().open() == 0)).isTrue();
    ws.close();
  }

  @Test
  void keepsAConnectionOpenLongerThanTheRequestReadTimeout() throws Exception {
    api = new SocketApi(ServerOptions.defaults());
    transport = JettyTransport.builder(api.server).host("127.0.0.1")
        .requestReadTimeout(Duration.ofMillis(200)).start();
    try (SocketClient ws = SocketClient.open(transport, "")) {
      for (int i = 0; i < 5; i++) {
        ws.send("{\"id\":" + i + ",\"method\":\"query\",\"params\":{\"path\":\"who\"}}");
        assertThat(ws.next()).contains("anonymous");
        Thread.sleep(500); // the read-timeout sweep looks once a second
      }
      assertThat(ws.isClosed()).isFalse();
    }
  }

  @Test
  void keepsAConnectionThatAnswersPings() throws Exception {
    start(ServerOptions.builder().keepAlive(Duration.ofMillis(100)).build());
    try (SocketClient ws = SocketClient.open(transport, "")) {
      assertThat(eventually(() -> ws.pings >= 5)).isTrue();
      ws.send("{\"id\":1,\"method\":\"query\",\"params\":{\"path\":\"who\"}}");
      assertThat(ws.next()).contains("anonymous");
      assertThat(ws.isClosed()).isFalse();
    }
  }

  @Test
  void closesAConnectionThatDoesNotAnswerPingsAndCancelsItsSubscriptions() throws Exception {
    // a keep-alive long enough for the subscription to start on a loaded machine before the
    // server finds the peer silent (the first ping goes after one interval, the close after two)
    start(ServerOptions.builder().keepAlive(Duration.ofSeconds(1))
        .socketStallTimeout(Duration.ofMillis(200)).build());
    try (RawSocket dead = RawSocket.upgrade(transport, 65536);
        SocketClient alive = SocketClient.open(transport, "")) {
      dead.sendText(subscribe(1, "forever"));
      assertThat(api.liveBecomes(1)).isTrue();

      assertThat(dead.endsWithin(10_000)).as("the server ended the silent connection").isTrue();
      assertThat(api.liveBecomes(0)).isTrue();
      assertThat(api.cancelled.get()).isEqualTo(1);
      assertThat(eventually(() -> api.server.socketStats().open() == 1)).isTrue();
      alive.send("{\"id\":1,\"method\":\"query\",\"params\":{\"path\":\"who\"}}");
      assertThat(alive.next()).contains("anonymous");
    }
  }

  @Test
  void closesAClientThatNeverReadsWithinItsQueueBoundWhileOthersAreServed() throws Exception {
    int limit = 64 * 1024;
    start(ServerOptions.builder().keepAlive(Duration.ZERO).socketQueueBytes(limit)
        .socketStallTimeout(Duration.ofMillis(300)).build());
    try (RawSocket stuck = RawSocket.upgrade(transport, 4096);
        SocketClient other = SocketClient.open(transport, "")) {
      other.send(subscribe(1, "forever"));
      stuck.sendText(subscribe(1, "firehose"));

      assertThat(eventually(() -> api.cancelled.get() == 1)).as("the firehose was cancelled").isTrue();
      assertThat(eventually(() -> api.server.socketStats().open() == 1)).isTrue();
      SocketStats stats = api.server.socketStats();
      assertThat(stats.peakQueuedBytes()).as("the queue filled up to its bound, not past it")
          .isLessThanOrEqualTo(limit).isGreaterThan(limit - 2048);
      long sent = api.firehoseSent.get();
      Thread.sleep(100);
      assertThat(api.firehoseSent.get()).as("its handler stopped").isEqualTo(sent);

      other.send("{\"id\":2,\"method\":\"query\",\"params\":{\"path\":\"who\"}}");
      assertThat(other.until(m -> m.startsWith("{\"id\":2"))).last().asString().contains("anonymous");
      assertThat(other.until(m -> m.contains("\"data\":{\"n\":"))).isNotEmpty();
      assertThat(stuck.endsWithin(10_000)).as("the server ended the stuck connection").isTrue();
    }
  }

  @Test
  void askingToReconnectOnShutdownEndsSubscriptionsSilentlyThenCloses1012() throws Exception {
    start(ServerOptions.defaults());
    try (SocketClient ws = SocketClient.open(transport, "")) {
      ws.send(subscribe(1, "forever"));
      ws.send("{\"id\":2,\"method\":\"query\",\"params\":{\"path\":\"slow\"}}");
      assertThat(api.liveBecomes(1)).isTrue();
      assertThat(api.slowEntered.await(10, TimeUnit.SECONDS)).as("the query is in flight").isTrue();

      api.server.closeStreams();

      assertThat(ws.until(m -> m.contains("reconnect")).getLast())
          .isEqualTo("{\"id\":null,\"method\":\"reconnect\"}");
      assertThat(api.liveBecomes(0)).isTrue();
      assertThat(api.cancelled.get()).isEqualTo(1);
      ws.send("{\"id\":3,\"method\":\"query\",\"params\":{\"path\":\"who\"}}");
      assertThat(ws.until(m -> m.startsWith("{\"id\":3")).getLast()).contains("SERVICE_UNAVAILABLE");
      assertThat(ws.isClosed()).as("open while a query is in flight").isFalse();

      api.release.countDown();

      List<String> rest = ws.until(m -> m.startsWith("{\"id\":2"));
      assertThat(rest.getLast()).isEqualTo("{\"id\":2,\"result\":{\"type\":\"data\",\"data\":\"released\"}}");
      assertThat(rest).noneMatch(m -> m.startsWith("{\"id\":1,\"error\"") || m.contains("stopped"));
      assertThat(ws.closed()).isEqualTo(new SocketClient.Closed(1012, "Server is restarting"));
      CompletionException refused = org.assertj.core.api.Assertions.catchThrowableOfType(
          CompletionException.class, () -> SocketClient.open(transport, ""));
      assertThat(((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode())
          .isEqualTo(503);
    }
  }

  @Test
  void closingTheTransportClosesEverySocketAndCancelsItsSubscriptions() throws Exception {
    start(ServerOptions.defaults());
    try (SocketClient a = SocketClient.open(transport, "");
        SocketClient b = SocketClient.open(transport, "")) {
      a.send(subscribe(1, "forever"));
      b.send(subscribe(1, "forever"));
      assertThat(api.liveBecomes(2)).isTrue();

      transport.close();

      assertThat(a.closed().code()).isEqualTo(1012);
      assertThat(b.closed().code()).isEqualTo(1012);
      assertThat(a.until(m -> m.contains("reconnect"))).isNotEmpty();
      assertThat(api.live.get()).isZero();
      assertThat(api.cancelled.get()).isEqualTo(2);
    }
  }
}
