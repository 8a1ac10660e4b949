package dev.parley.jetty.internal;

import dev.parley.server.ParleyRequest;
import dev.parley.server.ParleyServer;
import dev.parley.server.SocketOut;
import dev.parley.server.SocketSession;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.eclipse.jetty.websocket.core.CoreSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.FrameHandler;
import org.eclipse.jetty.websocket.core.OpCode;
import org.eclipse.jetty.websocket.core.OutgoingEntry;
import org.eclipse.jetty.websocket.core.WebSocketCoreSession;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection between Jetty's WebSocket core and a {@link ParleyServer}: frames are
 * joined into messages for the server's {@link SocketSession}, and the server sends through
 * Jetty's {@link CoreSession}. Frames are read one at a time, on demand: the next only once the
 * session took the last, so that a session waiting for room in its outbound queue holds the
 * client's further frames back. Jetty calls it on a thread that may block (a virtual thread).
 *
 * <p>A close with a code Jetty counts as abnormal (any but {@code 1000} and {@code 3000}+: {@code
 * 1008} for a flood, {@code 1009}, {@code 1003}, {@code 1012}...) is not left to Jetty, which would
 * close the TCP connection as soon as its close frame is written: the client's frames still unread
 * there make the kernel answer with a reset, and a client still sending, or not done reading, loses
 * the close frame and sees {@code 1006}. Its close frame is written here instead, below Jetty's
 * session state, and the frames that follow it are read and dropped until the client's close frame
 * arrives (RFC 6455 §7.1.1), or the server drops the connection after its stall timeout.
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
  /** Our close frame was sent (or is on its way) outside Jetty's session state. */
  private final java.util.concurrent.atomic.AtomicBoolean closeSent =
      new java.util.concurrent.atomic.AtomicBoolean();

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
    if (closeSent.get()) {
      afterClose(frame, callback, s);
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
        if (closeSent.get()) {
          break; // nothing after our close frame
        }
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

  /**
   * A frame after our close frame: dropped, until the client's close frame, after which nothing
   * more comes and the connection is closed at once (failing the close frame's callback tells Jetty
   * not to answer it: our close frame was the answer).
   */
  private void afterClose(Frame frame, Callback callback, CoreSession s) {
    if (frame.getOpCode() == OpCode.CLOSE) {
      callback.failed(new ClosedChannelException());
      return;
    }
    callback.succeeded();
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
      close(CloseStatus.MESSAGE_TOO_LARGE, "Message larger than " + maxMessageBytes + " bytes");
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
      close(CloseStatus.BAD_PAYLOAD, "Invalid UTF-8");
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

  /**
   * Sends {@code messages} as text frames: all but the last in Jetty's batch mode, which gathers
   * small frames into its output buffer, the last flushing them, so that one write carries them.
   * A failure fails the frames after it too, so only the last frame's callback is watched.
   */
  @Override
  public void send(List<byte[]> messages, Sent sent) {
    CoreSession s = session;
    if (s == null || closeSent.get()) {
      sent.done(new IllegalStateException("not open"));
      return;
    }
    int last = messages.size() - 1;
    for (int i = 0; i < last; i++) {
      s.sendFrame(text(messages.get(i)), Callback.NOOP, true);
    }
    s.sendFrame(text(messages.get(last)), Callback.from(() -> sent.done(null), sent::done), false);
  }

  private static Frame text(byte[] utf8) {
    return new Frame(OpCode.TEXT).setPayload(ByteBuffer.wrap(utf8));
  }

  @Override
  public void ping() {
    CoreSession s = session;
    if (s != null && !closeSent.get()) {
      s.sendFrame(new Frame(OpCode.PING), Callback.NOOP, false);
    }
  }

  @Override
  public void close(int code, String reason) {
    CoreSession s = session;
    if (s == null || closeSent.get()) {
      return;
    }
    if (CloseStatus.isOrdinary(code) || !(s instanceof WebSocketCoreSession core)
        || !core.isOutputOpen() || !core.isInputOpen()) {
      s.close(code, reason, Callback.NOOP); // Jetty waits for the client's close frame itself
      return;
    }
    if (!closeSent.compareAndSet(false, true)) {
      return; // another thread sent the close frame first
    }
    Frame close = new CloseStatus(code, reason).toFrame();
    // after the frames already queued (a pong), then below the session state, which would close
    // the connection once it is written
    s.flush(Callback.from(
        () -> core.getExtensionStack().sendFrame(
            new OutgoingEntry.Builder(close, Callback.from(() -> {}, x -> s.abort())).build()),
        x -> s.abort()));
  }

  @Override
  public void abort() {
    CoreSession s = session;
    if (s != null) {
      s.abort();
    }
  }
}
