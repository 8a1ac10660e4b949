package dev.parley.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.HttpClientTransportOverHTTP2;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.exceptions.UpgradeException;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A WebSocket over h2c, by HTTP/2's extended CONNECT (RFC 8441), on the same port. */
class WebSocketOverHttp2Test {
  private final SocketApi api = new SocketApi();
  private final JettyTransport transport = api.start();

  @AfterEach
  void stop() {
    transport.close();
  }

  /** Collects the text messages of a Jetty client's connection; public for Jetty's method handles. */
  public static final class Collector extends Session.Listener.AbstractAutoDemanding {
    final BlockingQueue<String> texts = new LinkedBlockingQueue<>();

    @Override
    public void onWebSocketText(String text) {
      texts.add(text);
    }
  }

  private final HttpClient http =
      new HttpClient(new HttpClientTransportOverHTTP2(new HTTP2Client()));
  private final WebSocketClient ws = new WebSocketClient(http);

  private Session connect(Collector collector, String origin) throws Exception {
    ClientUpgradeRequest request = new ClientUpgradeRequest();
    if (origin != null) {
      request.setHeader("Origin", origin);
    }
    return ws.connect(collector, URI.create("ws://127.0.0.1:" + transport.port() + "/parley"),
        request).get(10, TimeUnit.SECONDS);
  }

  @Test
  void checksTheOriginAgainstTheAuthorityOfTheHttp2Request() throws Exception {
    ws.start();
    try {
      Session own = connect(new Collector(), "http://127.0.0.1:" + transport.port());
      own.close();
      ExecutionException refused = catchThrowableOfType(ExecutionException.class,
          () -> connect(new Collector(), "https://evil.example"));
      assertThat(refused.getCause()).isInstanceOf(UpgradeException.class);
      assertThat(((UpgradeException) refused.getCause()).getResponseStatusCode()).isEqualTo(403);
    } finally {
      ws.stop();
    }
  }

  @Test
  void servesAWebSocketOverHttp2ExtendedConnect() throws Exception {
    ws.start();
    try {
      Collector collector = new Collector();
      Session session = connect(collector, null);
      session.sendText("{\"id\":1,\"method\":\"subscription\",\"params\":{\"path\":\"ticks\",\"input\":{\"count\":1}}}",
          org.eclipse.jetty.websocket.api.Callback.NOOP);
      assertThat(collector.texts.poll(10, TimeUnit.SECONDS)).isEqualTo("{\"id\":1,\"result\":{\"type\":\"started\"}}");
      assertThat(collector.texts.poll(10, TimeUnit.SECONDS)).contains("\"data\":{\"n\":0}");
      assertThat(collector.texts.poll(10, TimeUnit.SECONDS)).isEqualTo("{\"id\":1,\"result\":{\"type\":\"stopped\"}}");
      assertThat(http.getDestinations()).singleElement().asString().contains("h2c");
      session.close();
    } finally {
      ws.stop();
    }
  }
}
