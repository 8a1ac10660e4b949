package dev.parley.jetty.internal;

import dev.parley.server.ParleyRequest;
import dev.parley.server.ParleyServer;
import dev.parley.server.SocketOut;
import dev.parley.server.SocketSession;
import java.nio.ByteBuffer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection between Jetty and a {@link ParleyServer}: Jetty's events go to the
 * server's {@link SocketSession}, and the server sends through Jetty's {@link Session}. Frames are
 * read one at a time, on demand: the next only once the session took the last, so that a session
 * waiting for room in its outbound queue holds the client's further frames back.
 *
 * <p>Public, and its package exported to Jetty's WebSocket module, only because Jetty calls its
 * listener methods through method handles; not for users.
 */
public final class JettySocket implements Session.Listener, SocketOut {
  private static final Logger LOG = LoggerFactory.getLogger(JettySocket.class);
  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

  private final ParleyServer<?> server;
  private final ParleyRequest upgrade;
  private volatile @Nullable Session session;
  private volatile @Nullable SocketSession parley;

  JettySocket(ParleyServer<?> server, ParleyRequest upgrade) {
    this.server = server;
    this.upgrade = upgrade;
  }

  @Override
  public void onWebSocketOpen(Session s) {
    session = s;
    parley = server.openSocket(upgrade, this);
    s.demand();
  }

  @Override
  public void onWebSocketText(String text) {
    SocketSession p = parley;
    if (p != null) {
      p.onText(text);
    }
    demand();
  }

  @Override
  public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
    callback.succeed();
    SocketSession p = parley;
    if (p != null) {
      p.onBinary();
    }
    demand();
  }

  @Override
  public void onWebSocketPong(ByteBuffer payload) {
    SocketSession p = parley;
    if (p != null) {
      p.onPong();
    }
    demand();
  }

  @Override
  public void onWebSocketPing(ByteBuffer payload) {
    Session s = session;
    if (s != null) {
      s.sendPong(payload, Callback.NOOP);
    }
    demand();
  }

  @Override
  public void onWebSocketClose(int code, String reason) {
    SocketSession p = parley;
    if (p != null) {
      p.onClose(code);
    }
  }

  @Override
  public void onWebSocketError(Throwable cause) {
    LOG.debug("WebSocket connection from {} failed", upgrade.remoteAddress(), cause);
    SocketSession p = parley;
    if (p != null) {
      p.onClose(1006);
    }
  }

  private void demand() {
    Session s = session;
    if (s != null && s.isOpen()) {
      s.demand();
    }
  }

  @Override
  public void send(String text, Sent sent) {
    Session s = session;
    if (s == null) {
      sent.done(new IllegalStateException("not open"));
      return;
    }
    s.sendText(text, Callback.from(() -> sent.done(null), sent::done));
  }

  @Override
  public void ping() {
    Session s = session;
    if (s != null) {
      s.sendPing(EMPTY.duplicate(), Callback.NOOP);
    }
  }

  @Override
  public void close(int code, String reason) {
    Session s = session;
    if (s != null) {
      s.close(code, reason, Callback.NOOP);
    }
  }

  @Override
  public void abort() {
    Session s = session;
    if (s != null) {
      s.disconnect();
    }
  }
}
