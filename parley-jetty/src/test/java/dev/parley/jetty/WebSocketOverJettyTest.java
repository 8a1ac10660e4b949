package dev.parley.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Queries, mutations and subscriptions over a WebSocket, through the real transport. */
class WebSocketOverJettyTest {
  private final SocketApi api = new SocketApi();
  private final JettyTransport transport = api.start();

  @AfterEach
  void stop() {
    transport.close();
  }

  @Test
  void answersAQueryWithItsIdAsSent() throws Exception {
    try (SocketClient ws = SocketClient.open(transport, "")) {
      ws.send("{\"id\":1,\"method\":\"query\",\"params\":{\"path\":\"who\"}}");
      assertThat(ws.next()).isEqualTo("{\"id\":1,\"result\":{\"type\":\"data\",\"data\":\"anonymous\"}}");
      ws.send("{\"id\":\"a-7\",\"method\":\"query\",\"params\":{\"path\":\"who\"}}");
      assertThat(ws.next()).isEqualTo("{\"id\":\"a-7\",\"result\":{\"type\":\"data\",\"data\":\"anonymous\"}}");
    }
  }

  @Test
  void answersAMutationWithItsResources() throws Exception {
    try (SocketClient ws = SocketClient.open(transport, "")) {
      ws.send("{\"id\":2,\"method\":\"mutation\",\"params\":{\"path\":\"todos.add\",\"input\":{\"text\":\"eggs\"}}}");
      assertThat(ws.next()).isEqualTo("{\"id\":2,\"result\":{\"type\":\"data\",\"data\":"
          + "{\"id\":1,\"text\":\"eggs\"},\"resources\":[\"todo/1\",\"todos\"]}}");
      ws.send("{\"id\":3,\"method\":\"mutation\",\"params\":{\"path\":\"ping\"}}");
      assertThat(ws.next()).isEqualTo("{\"id\":3,\"result\":{\"type\":\"data\",\"resources\":[]}}");
    }
  }

  @Test
  void streamsASubscriptionStartedTrackedValuesStopped() throws Exception {
    try (SocketClient ws = SocketClient.open(transport, "")) {
      ws.send("{\"id\":7,\"method\":\"subscription\",\"params\":{\"path\":\"ticks\",\"input\":{\"count\":2}}}");
      assertThat(ws.until(t -> t.contains("stopped"))).containsExactly(
          "{\"id\":7,\"result\":{\"type\":\"started\"}}",
          "{\"id\":7,\"result\":{\"type\":\"data\",\"id\":\"0\",\"data\":{\"id\":\"0\",\"data\":{\"n\":0}}}}",
          "{\"id\":7,\"result\":{\"type\":\"data\",\"id\":\"1\",\"data\":{\"id\":\"1\",\"data\":{\"n\":1}}}}",
          "{\"id\":7,\"result\":{\"type\":\"stopped\"}}");
    }
  }

  @Test
  void resumesAfterTheLastEventIdOfTheSubscribe() throws Exception {
    try (SocketClient ws = SocketClient.open(transport, "")) {
      ws.send("{\"id\":1,\"method\":\"subscription\",\"params\":{\"path\":\"ticks\","
          + "\"input\":{\"count\":3},\"lastEventId\":\"1\"}}");
      List<String> all = ws.until(t -> t.contains("stopped"));
      assertThat(all).hasSize(3);
      assertThat(all.get(1)).contains("\"id\":\"2\"");
    }
  }

  @Test
  void stopCancelsTheHandlerAndAnswersStopped() throws Exception {
    try (SocketClient ws = SocketClient.open(transport, "")) {
      ws.send("{\"id\":5,\"method\":\"subscription\",\"params\":{\"path\":\"forever\"}}");
      assertThat(ws.next()).isEqualTo("{\"id\":5,\"result\":{\"type\":\"started\"}}");
      assertThat(ws.next()).contains("\"data\":{\"n\":0}");
      ws.send("{\"id\":5,\"method\":\"subscription.stop\"}");
      assertThat(ws.until(t -> t.contains("stopped")).getLast())
          .isEqualTo("{\"id\":5,\"result\":{\"type\":\"stopped\"}}");
      assertThat(api.liveBecomes(0)).isTrue();
      assertThat(api.cancelled.get()).isEqualTo(1);
    }
  }

  @Test
  void answersEachRequestOfAnArrayFrame() throws Exception {
    try (SocketClient ws = SocketClient.open(transport, "")) {
      ws.send("[{\"id\":1,\"method\":\"query\",\"params\":{\"path\":\"who\"}},"
          + "{\"id\":2,\"method\":\"query\",\"params\":{\"path\":\"who\"}}]");
      assertThat(List.of(ws.next(), ws.next())).containsExactlyInAnyOrder(
          "{\"id\":1,\"result\":{\"type\":\"data\",\"data\":\"anonymous\"}}",
          "{\"id\":2,\"result\":{\"type\":\"data\",\"data\":\"anonymous\"}}");
    }
  }

  @Test
  void joinsAMessageSentInFragments() throws Exception {
    try (SocketClient ws = SocketClient.open(transport, "")) {
      ws.socket.sendText("{\"id\":1,\"method\":", false).join();
      ws.socket.sendText("\"query\",\"params\":{\"path\":", false).join();
      ws.socket.sendText("\"who\"}}", true).join();
      assertThat(ws.next()).isEqualTo("{\"id\":1,\"result\":{\"type\":\"data\",\"data\":\"anonymous\"}}");
    }
  }

  @Test
  void answersAProtocolPingWithAPong() throws Exception {
    try (SocketClient ws = SocketClient.open(transport, "")) {
      ws.socket.sendPing(java.nio.ByteBuffer.wrap(new byte[] {7})).join();
      long until = System.nanoTime() + 10_000_000_000L;
      while (ws.pongs == 0 && System.nanoTime() < until) {
        Thread.sleep(10);
      }
      assertThat(ws.pongs).isEqualTo(1);
    }
  }

  @Test
  void answersPingWithPong() throws Exception {
    try (SocketClient ws = SocketClient.open(transport, "")) {
      ws.send("PING");
      assertThat(ws.next()).isEqualTo("PONG");
    }
  }
}
