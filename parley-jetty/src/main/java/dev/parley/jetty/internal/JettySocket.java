package dev.parley.jetty.internal;

import dev.parley.server.ParleyRequest;
import dev.parley.server.ParleyServer;
import dev.parley.server.SocketOut;
import dev.parley.server.SocketSession;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection between Jetty's WebSocket core and a {@link ParleyServer}: frames are
 * joined into messages for the server's {@link SocketSession}, and the server sends through
 * Jetty's {@link CoreSession}. Frames are read one at a time, on demand: the next only once the
 * session took the last, so that a session waiting for room in its outbound queue holds the
 * client's further frames back. Jetty calls it on a thread that may block (a virtual thread).
 */
final class JettySocket implements FrameHandler, SocketOut {
  private static final Logger LOG = LoggerFactory.getLogger(JettySocket.class);

  private final ParleyServer<?> server;
  private final ParleyRequest upgrade;
  private final int maxMessageBytes;
  private volatile @Nullable CoreSession session;
  private volatile @Nullable SocketSession parley;
  private @Nullable ByteArrayOutputStream text;
  private boolean inBinary;

  /** A connection of {@code server} upgraded from {@code upgrade}. */
  JettySocket(ParleyServer<?> server, ParleyRequest upgrade) {
    this.server = server;
    this.upgrade = upgrade;
    this.maxMessageBytes = server.options().socketMaxFrameBytes();
  }

  @Override
  public void onOpen(CoreSession coreSession, Callback callback) {
    session = coreSession;
    callback.succeeded();
    parley = server.openSocket(upgrade, this);
    coreSession.demand();
  }

  @Override
  public void onFrame(Frame frame, Callback callback) {
    SocketSession p = parley;
    CoreSession s = session;
    if (p == null || s == null) {
      callback.succeeded();
      return;
    }
    switch (frame.getOpCode()) {
      case OpCode.TEXT -> {
        text = new ByteArrayOutputStream();
        onTextFrame(frame, callback, p, s);
        return;
      }
      case OpCode.CONTINUATION -> {
        if (text != null) {
          onTextFrame(frame, callback, p, s);
          return;
        }
        inBinary = !frame.isFin();
        callback.succeeded();
      }
      case OpCode.BINARY -> {
        inBinary = !frame.isFin();
        callback.succeeded();
        p.onBinary();
      }
      case OpCode.PING -> {
        ByteBuffer payload = BufferUtil.copy(frame.getPayload());
        callback.succeeded();
        s.sendFrame(new Frame(OpCode.PONG).setPayload(payload), Callback.NOOP, false);
      }
      case OpCode.PONG -> {
        callback.succeeded();
        p.onPong();
      }
      case OpCode.CLOSE -> {
        callback.succeeded();
        return; // the core answers it and ends the connection
      }
      default -> callback.succeeded();
    }
    s.demand();
  }

  /** A frame of a text message: joined until the last, then handed over whole. */
  private void onTextFrame(Frame frame, Callback callback, SocketSession p, CoreSession s) {
    ByteArrayOutputStream message = text;
    if (message == null) {
      callback.succeeded();
      s.demand();
      return;
    }
    if (message.size() + frame.getPayloadLength() > maxMessageBytes) {
      text = null;
      callback.succeeded();
      s.close(CloseStatus.MESSAGE_TOO_LARGE, "Message larger than " + maxMessageBytes + " bytes",
          Callback.NOOP);
      return;
    }
    if (frame.hasPayload()) {
      ByteBuffer payload = frame.getPayload().slice();
      byte[] bytes = new byte[payload.remaining()];
      payload.get(bytes);
      message.writeBytes(bytes);
    }
    callback.succeeded();
    if (!frame.isFin()) {
      s.demand();
      return;
    }
    text = null;
    String whole;
    try {
      whole = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(message.toByteArray())).toString();
    } catch (CharacterCodingException e) {
      s.close(CloseStatus.BAD_PAYLOAD, "Invalid UTF-8", Callback.NOOP);
      return;
    }
    p.onText(whole);
    s.demand();
  }

  @Override
  public void onError(Throwable cause, Callback callback) {
    LOG.debug("WebSocket connection from {} failed", upgrade.remoteAddress(), cause);
    callback.succeeded();
  }

  @Override
  public void onClosed(CloseStatus closeStatus, Callback callback) {
    SocketSession p = parley;
    if (p != null) {
      p.onClose(closeStatus.getCode());
    }
    callback.succeeded();
  }

  @Override
  public void send(String message, Sent sent) {
    CoreSession s = session;
    if (s == null) {
      sent.done(new IllegalStateException("not open"));
      return;
    }
    s.sendFrame(new Frame(OpCode.TEXT, message), Callback.from(() -> sent.done(null), sent::done),
        false);
  }

  @Override
  public void ping() {
    CoreSession s = session;
    if (s != null) {
      s.sendFrame(new Frame(OpCode.PING), Callback.NOOP, false);
    }
  }

  @Override
  public void close(int code, String reason) {
    CoreSession s = session;
    if (s != null) {
      s.close(code, reason, Callback.NOOP);
    }
  }

  @Override
  public void abort() {
    CoreSession s = session;
    if (s != null) {
      s.abort();
    }
  }
}
