package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A WebSocket connection's own policies, through {@link ParleyServer#openSocket} with a transport in
 * memory: the bounded outbound queue and its backpressure, the stall that closes it, heartbeats.
 */
class SocketSessionTest {
  private static ParleyServer<Identity<Void>> server(ServerOptions options) {
    return Fixture.implement(ParleyServer.builder(Fixture.CONTRACT).options(options).build());
  }

  @Test
  void holdsASubscriptionBackWithinTheQueueBoundThenClosesAStalledConnection1013() throws Exception {
    int limit = 1000;
    var server = server(ServerOptions.builder().socketQueueBytes(limit)
        .socketStallTimeout(Duration.ofMillis(200)).keepAlive(Duration.ZERO).build());
    RecordingSocket socket = new RecordingSocket();
    socket.stuck = true;
    RecordingSocket.open(server, "", socket);

    socket.session().onText(
        "{\"id\":1,\"method\":\"subscription\",\"params\":{\"path\":\"count\",\"input\":{\"upto\":100}}}");

    assertThat(socket.closed.get(10, TimeUnit.SECONDS)).isEqualTo("1013 Outbound queue full for 200 ms");
    assertThat(socket.sent).as("only the first message reached the transport").hasSize(1);
    SocketStats stats = server.socketStats();
    assertThat(stats.peakQueuedBytes()).as("the queue filled to its bound, not past it")
        .isLessThanOrEqualTo(limit).isGreaterThan(limit - 100);
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    // the writer gives back the bytes of the message it was stuck on once the disposal fails it,
    // just after the connection is counted closed
    while ((server.socketStats().open() > 0 || server.socketStats().queuedBytes() > 0)
        && System.nanoTime() < until) {
      Thread.sleep(10);
    }
    assertThat(server.socketStats()).isEqualTo(new SocketStats(0, 0, stats.peakQueuedBytes(), 0));
  }

  @Test
  void sendsEveryValueInOrderWhenTheClientReadsThroughASmallQueue() throws Exception {
    var server = server(ServerOptions.builder().socketQueueBytes(100).build());
    RecordingSocket socket = RecordingSocket.open(server, "");

    socket.session().onText(
        "{\"id\":1,\"method\":\"subscription\",\"params\":{\"path\":\"count\",\"input\":{\"upto\":50}}}");

    assertThat(socket.next()).isEqualTo("{\"id\":1,\"result\":{\"type\":\"started\"}}");
    for (int n = 1; n <= 50; n++) {
      assertThat(socket.next()).isEqualTo("{\"id\":1,\"result\":{\"type\":\"data\",\"id\":\"" + n
          + "\",\"data\":{\"id\":\"" + n + "\",\"data\":" + n + "}}}");
    }
    assertThat(socket.next()).isEqualTo("{\"id\":1,\"result\":{\"type\":\"stopped\"}}");
    assertThat(server.socketStats().peakQueuedBytes()).isLessThanOrEqualTo(100);
  }

  @Test
  void pingsEveryKeepAliveAndKeepsAConnectionThatAnswers() throws Exception {
    var server = server(ServerOptions.builder().keepAlive(Duration.ofMillis(20)).build());
    RecordingSocket socket = RecordingSocket.open(server, "");
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (socket.pings < 5 && System.nanoTime() < until) {
      Thread.sleep(5);
    }
    assertThat(socket.pings).isGreaterThanOrEqualTo(5);
    assertThat(socket.closed).isNotDone();
    socket.session().onClose(1000);
  }

  @Test
  void closesAConnectionThatDoesNotAnswerAPingBeforeTheNext1001() throws Exception {
    var server = server(ServerOptions.builder().keepAlive(Duration.ofMillis(20)).build());
    RecordingSocket socket = new RecordingSocket();
    socket.answersPings = false;
    RecordingSocket.open(server, "", socket);
    socket.session().onText(
        "{\"id\":1,\"method\":\"subscription\",\"params\":{\"path\":\"todos.added\"}}");
    assertThat(socket.next()).contains("started");

    assertThat(socket.closed.get(10, TimeUnit.SECONDS)).isEqualTo("1001 No answer to ping");
    assertThat(socket.pings).isEqualTo(1);
    assertThat(socket.sent.poll(100, TimeUnit.MILLISECONDS)).as("no stopped after the close").isNull();
  }

  @Test
  void shutdownAsksToReconnectThenDropsAClientThatNeverEndsTheCloseWithinTheGrace()
      throws Exception {
    var server = server(ServerOptions.defaults());
    RecordingSocket socket = new RecordingSocket();
    socket.completesClose = false;
    RecordingSocket.open(server, "", socket);
    socket.session().onText(
        "{\"id\":1,\"method\":\"subscription\",\"params\":{\"path\":\"todos.added\"}}");
    assertThat(socket.next()).contains("started");

    assertThat(server.shutdown(Duration.ofMillis(300))).isFalse();

    assertThat(socket.next()).isEqualTo("{\"id\":null,\"method\":\"reconnect\"}");
    assertThat(socket.closed.get()).isEqualTo("1012 Server is restarting");
    assertThat(socket.aborted).isTrue();
    assertThat(server.socketStats().open()).isZero();
  }

  @Test
  void revokingACallersAccessEndsItsSubscriptionsUnauthorizedThenClosesItsSocket1008()
      throws Exception {
    var server = Fixture.implement(ParleyServer.builder(Fixture.CONTRACT)
        .authenticate(request -> Identity.of(dev.parley.Role.SHARED,
            request.connectionParam("user").orElse("nobody")))
        .build());
    RecordingSocket ada = RecordingSocket.open(server, "connectionParams=1");
    RecordingSocket bob = RecordingSocket.open(server, "connectionParams=1");
    ada.session().onText("{\"method\":\"connectionParams\",\"data\":{\"user\":\"ada\"}}");
    bob.session().onText("{\"method\":\"connectionParams\",\"data\":{\"user\":\"bob\"}}");
    String subscribe = "{\"id\":1,\"method\":\"subscription\",\"params\":{\"path\":\"todos.added\"}}";
    ada.session().onText(subscribe);
    bob.session().onText(subscribe);
    assertThat(ada.next()).contains("started");
    assertThat(bob.next()).contains("started");

    assertThat(server.revoke(id -> "ada".equals(id.principal()))).isEqualTo(1);

    assertThat(ada.next()).startsWith("{\"id\":1,\"error\":{\"message\":\"The caller's access was revoked\"")
        .contains("UNAUTHORIZED");
    assertThat(ada.closed.get(5, TimeUnit.SECONDS)).isEqualTo("1008 Access revoked");
    bob.session().onText("{\"id\":2,\"method\":\"query\",\"params\":{\"path\":\"todos.list\"}}");
    assertThat(bob.next()).startsWith("{\"id\":2,\"result\"");
    assertThat(bob.closed).isNotDone();
    bob.session().onClose(1000);
  }

  @Test
  void refusesNewConnectionsOnceItsStreamsAreClosed() {
    var server = server(ServerOptions.defaults());
    ParleyRequest upgrade = Fixture.get("", "");
    assertThat(server.refuseSocket(upgrade)).isEmpty();
    server.closeStreams();
    assertThat(server.refuseSocket(upgrade)).hasValueSatisfying(r -> {
      assertThat(r.status()).isEqualTo(503);
      assertThat(r.bodyText()).contains("SERVICE_UNAVAILABLE");
    });
  }
}
