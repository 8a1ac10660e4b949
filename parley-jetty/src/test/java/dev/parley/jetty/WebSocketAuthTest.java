package dev.parley.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.ServerOptions;
import java.net.http.WebSocketHandshakeException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Who a WebSocket caller is: authenticated by the server's one authenticator, from the upgrade
 * request or from {@code connectionParams}; and which origins may open a connection.
 */
class WebSocketAuthTest {
  private static final String WHO = "{\"id\":1,\"method\":\"query\",\"params\":{\"path\":\"who\"}}";

  private final SocketApi api = new SocketApi(ServerOptions.builder()
      .allowedOrigins("https://app.example").build());
  private final JettyTransport transport = api.start();

  @AfterEach
  void stop() {
    transport.close();
  }

  @Test
  void authenticatesFromConnectionParamsSentFirst() throws Exception {
    try (SocketClient ws = SocketClient.open(transport, "connectionParams=1")) {
      ws.send("{\"method\":\"connectionParams\",\"data\":{\"token\":\"ada\"}}");
      ws.send(WHO);
      assertThat(ws.next()).isEqualTo("{\"id\":1,\"result\":{\"type\":\"data\",\"data\":\"ada\"}}");
      ws.send("{\"id\":2,\"method\":\"subscription\",\"params\":{\"path\":\"secret\",\"input\":{\"count\":3}}}");
      assertThat(ws.until(m -> m.contains("stopped"))).contains(
          "{\"id\":2,\"result\":{\"type\":\"data\",\"data\":{\"n\":3}}}");
    }
  }

  @Test
  void authenticatesFromTheUpgradeRequestWhenNoParamsAreAnnounced() throws Exception {
    try (SocketClient ws = SocketClient.withHeader(transport, "authorization", "Bearer bob")) {
      ws.send(WHO);
      assertThat(ws.next()).isEqualTo("{\"id\":1,\"result\":{\"type\":\"data\",\"data\":\"bob\"}}");
    }
  }

  @Test
  void takesNullConnectionParamsAsNone() throws Exception {
    try (SocketClient ws = SocketClient.open(transport, "connectionParams=1")) {
      ws.send("{\"method\":\"connectionParams\",\"data\":null}");
      ws.send(WHO);
      assertThat(ws.next()).isEqualTo("{\"id\":1,\"result\":{\"type\":\"data\",\"data\":\"anonymous\"}}");
    }
  }

  @Test
  void refusesARequestBeforeTheAnnouncedConnectionParamsAndCloses1008() throws Exception {
    try (SocketClient ws = SocketClient.open(transport, "connectionParams=1")) {
      ws.send(WHO);
      assertThat(ws.next()).startsWith("{\"id\":null,\"error\":{\"message\":\"the first message must be")
          .contains("BAD_REQUEST");
      assertThat(ws.closed()).isEqualTo(new SocketClient.Closed(1008, "connectionParams must come first"));
      assertThat(api.live.get()).isZero();
    }
  }

  @Test
  void refusesConnectionParamsThatAreNotStrings() throws Exception {
    try (SocketClient ws = SocketClient.open(transport, "connectionParams=1")) {
      ws.send("{\"method\":\"connectionParams\",\"data\":{\"token\":5}}");
      assertThat(ws.next()).contains("\\\"token\\\" is not a string", "BAD_REQUEST");
      assertThat(ws.closed().code()).isEqualTo(1008);
    }
  }

  @Test
  void answersUnauthorizedThenClosesWhenTheAuthenticatorRefusesTheParams() throws Exception {
    try (SocketClient ws = SocketClient.open(transport, "connectionParams=1")) {
      ws.send("{\"method\":\"connectionParams\",\"data\":{\"token\":\"bad\"}}");
      assertThat(ws.next()).isEqualTo("{\"id\":null,\"error\":{\"message\":\"Unknown token\","
          + "\"code\":-32001,\"data\":{\"code\":\"UNAUTHORIZED\",\"httpStatus\":401}}}");
      assertThat(ws.closed()).isEqualTo(new SocketClient.Closed(1008, "Authentication failed"));
    }
  }

  @Test
  void answersUnauthorizedThenClosesWhenTheAuthenticatorRefusesTheUpgrade() throws Exception {
    try (SocketClient ws = SocketClient.withHeader(transport, "authorization", "Bearer bad")) {
      assertThat(ws.next()).contains("UNAUTHORIZED");
      assertThat(ws.closed().code()).isEqualTo(1008);
    }
  }

  @Test
  void refusesConnectionParamsSentLaterOrUnannounced() throws Exception {
    try (SocketClient ws = SocketClient.open(transport, "")) {
      ws.send("{\"method\":\"connectionParams\",\"data\":{\"token\":\"ada\"}}");
      assertThat(ws.next()).startsWith("{\"id\":null,\"error\":{\"message\":\"\\\"connectionParams\\\" "
          + "comes only as the first message");
      ws.send(WHO);
      assertThat(ws.next()).contains("anonymous");
    }
  }

  @Test
  void acceptsAnAllowedOriginAndItsOwn() throws Exception {
    try (SocketClient ws = SocketClient.open(transport, "", "https://app.example");
        SocketClient own = SocketClient.open(transport, "", "http://127.0.0.1:" + transport.port())) {
      ws.send(WHO);
      own.send(WHO);
      assertThat(ws.next()).contains("anonymous");
      assertThat(own.next()).contains("anonymous");
    }
  }

  @Test
  void refusesTheUpgradeFromAnotherOriginWithParleysJson403() throws Exception {
    try (RawHttp raw = new RawHttp(transport.port())) {
      String answer = raw.send("GET /parley HTTP/1.1\r\nHost: 127.0.0.1:" + transport.port()
          + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nOrigin: https://evil.example\r\n"
          + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
          .readAll(1000);
      assertThat(RawHttp.status(answer)).isEqualTo(403);
      assertThat(answer).containsIgnoringCase("content-type: application/json");
      assertThat(RawHttp.body(answer)).isEqualTo("{\"error\":{\"message\":\"Cross-origin request "
          + "from https://evil.example is not allowed\",\"code\":-32003,\"data\":{\"code\":"
          + "\"FORBIDDEN\",\"httpStatus\":403}}}");
    }
    assertThat(api.server.socketStats().open()).isZero();
  }

  @Test
  void refusesTheUpgradeFromAnotherOriginForTheJdkClientToo() {
    CompletionException e = org.assertj.core.api.Assertions.catchThrowableOfType(CompletionException.class,
        () -> SocketClient.open(transport, "", "https://evil.example"));
    assertThat(e.getCause()).isInstanceOf(WebSocketHandshakeException.class);
    assertThat(((WebSocketHandshakeException) e.getCause()).getResponse().statusCode()).isEqualTo(403);
  }
}
