package dev.parley.jetty.internal;

import dev.parley.ErrorCode;
import dev.parley.ParleyException;
import dev.parley.server.ParleyRequest;
import dev.parley.server.ParleyResponse;
import dev.parley.server.ParleyServer;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.Configuration;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.server.WebSocketMappings;
import org.eclipse.jetty.websocket.core.server.WebSocketNegotiator;
import org.eclipse.jetty.websocket.core.server.WebSocketServerComponents;

/**
 * Upgrades requests at the base path to WebSocket connections served by the {@link ParleyServer}:
 * HTTP/1.1's {@code Upgrade: websocket} and HTTP/2's extended {@code CONNECT} (RFC 8441). The
 * server checks each upgrade first ({@link ParleyServer#refuseSocket}); a refused one is answered
 * in Parley's JSON, as is an upgrade request Jetty cannot accept.
 */
final class SocketUpgrade {
  /**
   * The most frames Jetty queues to send on one connection: the server sends one message at a
   * time, so this bounds the control frames (pongs to a flood of pings) beside it.
   */
  private static final int MAX_OUTGOING_FRAMES = 64;

  private final ParleyServer<?> server;
  private final WebSocketMappings mappings;
  private final ParleyResponse malformed;

  /** Upgrades for {@code server} on {@code jetty}, with the server's WebSocket limits. */
  SocketUpgrade(ParleyServer<?> server, Server jetty) {
    this.server = server;
    this.mappings = new WebSocketMappings(WebSocketServerComponents.ensureWebSocketComponents(jetty));
    this.malformed = server.errorResponse(new ParleyException(ErrorCode.BAD_REQUEST,
        "Malformed WebSocket upgrade request"));
  }

  /** A connection's limits, from the server's options. */
  private void configure(Configuration c) {
    var options = server.options();
    c.setMaxFrameSize(options.socketMaxFrameBytes());
    c.setMaxTextMessageSize(options.socketMaxFrameBytes());
    c.setMaxBinaryMessageSize(options.socketMaxFrameBytes());
    c.setMaxOutgoingFrames(MAX_OUTGOING_FRAMES);
    // with keep-alive on, the server's heartbeat finds dead connections; without, Jetty's default
    // idle timeout closes silent ones
    if (!options.keepAlive().isZero()) {
      c.setIdleTimeout(Duration.ZERO);
    }
  }

  /** Whether {@code request} asks for a WebSocket connection. */
  static boolean isUpgrade(Request request) {
    HttpVersion version = request.getConnectionMetaData().getHttpVersion();
    if (version == HttpVersion.HTTP_2 || version == HttpVersion.HTTP_3) {
      return request.getMethod().equals("CONNECT");
    }
    String upgrade = request.getHeaders().get(HttpHeader.UPGRADE);
    return request.getMethod().equals("GET") && upgrade != null
        && upgrade.toLowerCase(java.util.Locale.ROOT).contains("websocket");
  }

  /**
   * Upgrades {@code request}, or answers why not.
   *
   * @param call the request as the server sees it
   */
  void upgrade(Request request, Response response, Callback callback, ParleyRequest call) {
    Optional<ParleyResponse> refused = server.refuseSocket(call);
    if (refused.isPresent()) {
      ParleyHandler.respond(response, callback, refused.get());
      return;
    }
    WebSocketNegotiator negotiator = WebSocketNegotiator.from(
        (rq, rs, cb) -> new JettySocket(server, call), (socket, rq, rs) -> (FrameHandler) socket,
        this::configure);
    boolean upgraded = mappings.upgrade(negotiator, request, response, callback, null);
    if (!upgraded) {
      ParleyHandler.respond(response, callback, malformed);
    }
  }
}
