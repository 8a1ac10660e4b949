package dev.parley.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.ServerOptions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a WebSocket connection refuses, each with the connection's fate: answered and kept, or
 * closed with its code.
 */
class WebSocketRefusalsTest {
  private static final String WHO = "{\"id\":9,\"method\":\"query\",\"params\":{\"path\":\"who\"}}";
  private static final String WHO_ANSWER =
      "{\"id\":9,\"result\":{\"type\":\"data\",\"data\":\"anonymous\"}}";

  private SocketApi api;
  private JettyTransport transport;

  private SocketClient open(ServerOptions options) {
    api = new SocketApi(options);
    transport = api.start();
    return SocketClient.open(transport, "");
  }

  private SocketClient open() {
    return open(ServerOptions.defaults());
  }

  @AfterEach
  void stop() {
    transport.close();
  }

  /** The connection still answers: the refusal did not end it. */
  private static void stillServes(SocketClient ws) throws InterruptedException {
    ws.send(WHO);
    assertThat(ws.next()).isEqualTo(WHO_ANSWER);
  }

  @Test
  void refusesAFrameThatIsNotJsonWithParseErrorAndKeepsTheConnection() throws Exception {
    try (SocketClient ws = open()) {
      ws.send("{\"id\":1,");
      assertThat(ws.next()).startsWith("{\"id\":null,\"error\":{\"message\":\"message is not valid JSON: ")
          .contains("\"code\":-32700", "\"PARSE_ERROR\"");
      stillServes(ws);
    }
  }

  @Test
  void refusesOnlyTheBadElementOfAnArrayFrame() throws Exception {
    try (SocketClient ws = open()) {
      ws.send("[{\"id\":1,\"method\":\"query\",\"params\":{\"path\":\"who\"}},5,"
          + "{\"id\":3,\"method\":\"query\",\"params\":{\"path\":\"who\"}}]");
      List<String> got = List.of(ws.next(), ws.next(), ws.next());
      assertThat(got).contains(
          "{\"id\":1,\"result\":{\"type\":\"data\",\"data\":\"anonymous\"}}",
          "{\"id\":3,\"result\":{\"type\":\"data\",\"data\":\"anonymous\"}}");
      assertThat(got).filteredOn(m -> m.startsWith("{\"id\":null,\"error\""))
          .singleElement().asString().contains("A message must be a JSON object", "BAD_REQUEST");
    }
  }

  @Test
  void answersAnUnknownMethodWithItsId() throws Exception {
    try (SocketClient ws = open()) {
      ws.send("{\"id\":4,\"method\":\"subscribe\",\"params\":{\"path\":\"who\"}}");
      assertThat(ws.next()).startsWith("{\"id\":4,\"error\":{\"message\":\"Unknown method \\\"subscribe\\\"")
          .contains("BAD_REQUEST");
      stillServes(ws);
    }
  }

  @Test
  void refusesAMissingOrOverlongIdWithANullId() throws Exception {
    try (SocketClient ws = open()) {
      ws.send("{\"method\":\"query\",\"params\":{\"path\":\"who\"}}");
      assertThat(ws.next()).startsWith("{\"id\":null,\"error\":{\"message\":\"A message needs an \\\"id\\\"")
          .contains("BAD_REQUEST");
      ws.send("{\"id\":\"" + "x".repeat(129) + "\",\"method\":\"query\",\"params\":{\"path\":\"who\"}}");
      assertThat(ws.next()).startsWith("{\"id\":null,\"error\":{\"message\":\"\\\"id\\\" must be a string or an integer of at most 128")
          .contains("BAD_REQUEST");
      ws.send("{\"id\":1.5,\"method\":\"query\",\"params\":{\"path\":\"who\"}}");
      assertThat(ws.next()).startsWith("{\"id\":null,\"error\"");
      ws.send("{\"id\":\"" + "x".repeat(128) + "\",\"method\":\"query\",\"params\":{\"path\":\"who\"}}");
      assertThat(ws.next()).startsWith("{\"id\":\"xxx").contains("\"anonymous\"");
    }
  }

  @Test
  void refusesADuplicateLiveIdAndTakesItAgainOnceEnded() throws Exception {
    try (SocketClient ws = open()) {
      ws.send("{\"id\":5,\"method\":\"subscription\",\"params\":{\"path\":\"forever\"}}");
      assertThat(ws.next()).isEqualTo("{\"id\":5,\"result\":{\"type\":\"started\"}}");
      ws.send("{\"id\":5,\"method\":\"query\",\"params\":{\"path\":\"who\"}}");
      assertThat(ws.until(m -> m.contains("error")).getLast())
          .startsWith("{\"id\":5,\"error\":{\"message\":\"Duplicate id 5: a call with this id is still live")
          .contains("BAD_REQUEST", "\"path\":\"who\"");
      ws.send("{\"id\":5,\"method\":\"subscription.stop\"}");
      ws.until(m -> m.equals("{\"id\":5,\"result\":{\"type\":\"stopped\"}}"));
      ws.send("{\"id\":5,\"method\":\"query\",\"params\":{\"path\":\"who\"}}");
      assertThat(ws.next()).isEqualTo("{\"id\":5,\"result\":{\"type\":\"data\",\"data\":\"anonymous\"}}");
    }
  }

  @Test
  void ignoresAStopForAnIdNeverStarted() throws Exception {
    try (SocketClient ws = open()) {
      ws.send("{\"id\":42,\"method\":\"subscription.stop\"}");
      stillServes(ws); // the answer to the query is the next message: the stop got none
    }
  }

  @Test
  void refusesASubscriptionOutsideTheCallersRoleBeforeReadingItsInput() throws Exception {
    try (SocketClient ws = open()) {
      ws.send("{\"id\":1,\"method\":\"subscription\",\"params\":{\"path\":\"secret\",\"input\":{\"count\":\"x\"}}}");
      assertThat(ws.next()).isEqualTo("{\"id\":1,\"error\":{\"message\":\"No procedure found on path "
          + "\\\"secret\\\"\",\"code\":-32004,\"data\":{\"code\":\"NOT_FOUND\",\"httpStatus\":404,"
          + "\"path\":\"secret\"}}}");
      assertThat(api.secretInputs.get()).isZero();
    }
  }

  @Test
  void refusesABadSubscriptionInputWithItsIssues() throws Exception {
    try (SocketClient ws = open()) {
      ws.send("{\"id\":1,\"method\":\"subscription\",\"params\":{\"path\":\"ticks\",\"input\":{\"count\":0}}}");
      assertThat(ws.next()).startsWith("{\"id\":1,\"error\":{\"message\":\"input is invalid: count: ")
          .contains("BAD_REQUEST", "\"path\":\"ticks\"", "\"issues\":[{\"path\":\"count\"");
    }
  }

  @Test
  void endsAFailingSubscriptionWithItsErrorAndNoStopped() throws Exception {
    try (SocketClient ws = open()) {
      ws.send("{\"id\":1,\"method\":\"subscription\",\"params\":{\"path\":\"fails\"}}");
      assertThat(ws.until(m -> m.contains("error"))).containsExactly(
          "{\"id\":1,\"result\":{\"type\":\"started\"}}",
          "{\"id\":1,\"result\":{\"type\":\"data\",\"data\":{\"n\":1}}}",
          "{\"id\":1,\"error\":{\"message\":\"It failed\",\"code\":-32009,\"data\":{\"code\":"
              + "\"CONFLICT\",\"httpStatus\":409,\"path\":\"fails\"}}}");
      stillServes(ws);
    }
  }

  @Test
  void refusesAMethodThatDoesNotFitTheProcedure() throws Exception {
    try (SocketClient ws = open()) {
      ws.send("{\"id\":1,\"method\":\"query\",\"params\":{\"path\":\"todos.add\",\"input\":{\"text\":\"a\"}}}");
      assertThat(ws.next()).startsWith("{\"id\":1,\"error\":{\"message\":\"Unsupported query-request "
          + "to mutation procedure at path \\\"todos.add\\\"\"").contains("METHOD_NOT_SUPPORTED");
    }
  }

  @Test
  void answersAQueryPastItsDeadlineWithTimeout() throws Exception {
    try (SocketClient ws = open(ServerOptions.builder().requestTimeout(Duration.ofMillis(200)).build())) {
      ws.send("{\"id\":1,\"method\":\"query\",\"params\":{\"path\":\"slow\"}}");
      assertThat(ws.next()).startsWith("{\"id\":1,\"error\":{\"message\":\"\\\"slow\\\" did not finish within 200 ms\"")
          .contains("\"TIMEOUT\"");
      stillServes(ws);
    }
  }

  @Test
  void refusesACallPastTheLiveCallsLimitWithTooManyRequests() throws Exception {
    try (SocketClient ws = open(ServerOptions.builder().socketMaxCalls(2).build())) {
      ws.send("{\"id\":1,\"method\":\"subscription\",\"params\":{\"path\":\"forever\"}}");
      ws.send("{\"id\":2,\"method\":\"subscription\",\"params\":{\"path\":\"forever\"}}");
      ws.send("{\"id\":3,\"method\":\"query\",\"params\":{\"path\":\"who\"}}");
      assertThat(ws.until(m -> m.startsWith("{\"id\":3")).getLast())
          .startsWith("{\"id\":3,\"error\":{\"message\":\"More than 2 calls live on this connection\"")
          .contains("TOO_MANY_REQUESTS");
    }
  }

  @Test
  void closesWith1003OnABinaryMessage() throws Exception {
    try (SocketClient ws = open()) {
      ws.socket.sendBinary(java.nio.ByteBuffer.wrap(new byte[] {1, 2}), true).join();
      assertThat(ws.closed()).isEqualTo(new SocketClient.Closed(1003, "Binary messages are not supported"));
    }
  }

  @Test
  void closesWith1009OnAMessageOverTheLimit() throws Exception {
    try (SocketClient ws = open(ServerOptions.builder().socketMaxFrameBytes(1000).build())) {
      ws.send("{\"id\":1,\"method\":\"query\",\"params\":{\"path\":\"who\",\"input\":\""
          + "x".repeat(1000) + "\"}}");
      assertThat(ws.closed().code()).isEqualTo(1009);
    }
  }

  @Test
  void closesWith1009OnAMessageWhoseFragmentsPassTheLimit() throws Exception {
    try (SocketClient ws = open(ServerOptions.builder().socketMaxFrameBytes(1000).build())) {
      for (int i = 0; i < 3 && !ws.isClosed(); i++) {
        ws.socket.sendText("x".repeat(400), false).exceptionally(e -> null).join();
      }
      assertThat(ws.closed()).isEqualTo(new SocketClient.Closed(1009, "Message larger than 1000 bytes"));
    }
  }

  @Test
  void closesWith1008OnAFlood() throws Exception {
    try (SocketClient ws = open(ServerOptions.builder().socketFramesPerSecond(20).build())) {
      for (int i = 0; i < 100 && !ws.isClosed(); i++) {
        ws.socket.sendText("PING", true).exceptionally(e -> null).join();
      }
      assertThat(ws.closed()).isEqualTo(new SocketClient.Closed(1008, "More than 20 messages a second"));
    }
  }

  @Test
  void otherConnectionsGoOnWhenOneIsClosedForAFlood() throws Exception {
    try (SocketClient flooder = open(ServerOptions.builder().socketFramesPerSecond(20).build());
        SocketClient other = SocketClient.open(transport, "")) {
      for (int i = 0; i < 100 && !flooder.isClosed(); i++) {
        flooder.socket.sendText("PING", true).exceptionally(e -> null).join();
      }
      assertThat(flooder.closed()).isEqualTo(new SocketClient.Closed(1008, "More than 20 messages a second"));
      stillServes(other);
    }
  }

  /**
   * The flood's close is a closing handshake, not a hard close: Jetty ends the TCP connection as
   * soon as it wrote a close frame with a code it counts as abnormal (1008 is one), and the
   * client's frames still unread there made the kernel reset the connection, so that a client still
   * sending lost the close frame (1006). The server now reads and drops the frames that follow its
   * close frame, and ends the connection once the client's close frame came.
   */
  @Test
  void keepsReadingAfterItsCloseForAFloodUntilTheClientsClose() throws Exception {
    api = new SocketApi(ServerOptions.builder().socketFramesPerSecond(20).build());
    transport = api.start();
    try (RawSocket flooder = RawSocket.upgrade(transport, 65536)) {
      flooder.sendTexts("PING", 100);
      assertThat(flooder.readUntilClose())
          .isEqualTo(new SocketClient.Closed(1008, "More than 20 messages a second"));
      // the client may still be sending: its frames are dropped, not answered with a reset
      assertThat(flooder.takesFramesFor(500)).as("still read after the close frame").isTrue();
      flooder.sendClose(1008);
      assertThat(flooder.takesFramesFor(5_000)).as("ended after the client's close frame").isFalse();
    }
  }
}
