package dev.parley.client.internal;

import dev.parley.ErrorCode;
import dev.parley.client.ParleyClientException;
import dev.parley.internal.wire.SocketClose;
import dev.parley.internal.wire.SocketMessages;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * One WebSocket connection of a {@link SocketLink}, on the JDK's {@link WebSocket}: it assembles
 * text messages and hands each whole to its link, sends what it is given in order (one message in
 * flight at a time, as the JDK requires, from a virtual thread of its own), keeps itself alive with
 * {@code PING} after {@code pingInterval} of silence, and reports its end, once, whatever it is: a
 * close by either side, an error, or no answer within {@code pongTimeout} of a {@code PING}.
 *
 * <p>The keep-alive is also what finds a connection whose end went unseen: java.net.http's
 * WebSocket (JDK 25) can miss the end of the stream when it comes while a message is being handled,
 * and then reports nothing; after {@code pingInterval + pongTimeout} the connection is dropped.
 *
 * <p>Reading is paced: the next message is asked for only once the link handled the last, and not
 * while the link is {@linkplain Events#overloaded() overloaded} (a listener lags); {@link
 * #resume()} asks again.
 */
final class Socket implements WebSocket.Listener {
  /** What a connection tells its link. Called on the JDK's threads, one message at a time. */
  interface Events {
    /** {@code socket} opened; nothing was sent on it yet. */
    void opened(Socket socket);

    /** {@code socket} received {@code text}, a whole message. */
    void message(Socket socket, String text);

    /**
     * {@code socket} ended (or never opened), for {@code cause}; called once.
     *
     * @param closeCode the code of the server's close frame; 0 when there was none
     */
    void ended(Socket socket, ParleyClientException cause, boolean opened, int closeCode);

    /** Whether some subscription has too many values waiting for its listener. */
    boolean overloaded();
  }

  private static final String END = new String("end of the outbound queue");

  private final Events events;
  private final long pingNanos;
  private final long pongNanos;
  private final StringBuilder partial = new StringBuilder();
  private final LinkedBlockingQueue<String> outbound = new LinkedBlockingQueue<>();
  private final AtomicBoolean ended = new AtomicBoolean();
  private final AtomicBoolean paused = new AtomicBoolean();
  private volatile @Nullable WebSocket ws;
  private volatile @Nullable ScheduledFuture<?> keepAlive;
  private volatile @Nullable Thread writer;
  private volatile @Nullable ParleyClientException refusal;
  private volatile long heardAt;
  private volatile long pingedAt;
  private volatile boolean pinged;

  Socket(Events events, Duration pingInterval, Duration pongTimeout) {
    this.events = events;
    this.pingNanos = pingInterval.toNanos();
    this.pongNanos = pongTimeout.toNanos();
  }

  /** Opens the connection; its end, a failure to open included, is reported to the link. */
  void open(HttpClient http, URI uri, String[] headers, Duration connectTimeout) {
    WebSocket.Builder builder = http.newWebSocketBuilder();
    for (int i = 0; i < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    if (!connectTimeout.isZero()) {
      builder.connectTimeout(connectTimeout);
    }
    CompletableFuture<WebSocket> opening;
    try {
      opening = builder.buildAsync(uri, this);
    } catch (RuntimeException e) {
      opening = CompletableFuture.failedFuture(e);
    }
    opening.whenComplete((socket, failure) -> {
      if (failure != null) {
        end(unreachable("cannot connect to " + uri, failure), false);
      }
    });
  }

  /** Queues {@code text} to be sent after what was queued before; dropped once ended. */
  void send(String text) {
    if (!ended.get()) {
      outbound.add(text);
    }
  }

  /**
   * Closes the connection normally once what is queued was sent; its end is reported when the
   * server answers the close (the link drops it if the server does not).
   */
  void close() {
    send(END);
  }

  /** Drops the connection at once, reporting {@code cause}. */
  void abort(ParleyClientException cause) {
    WebSocket w = ws;
    if (w != null) {
      w.abort();
    }
    end(cause, w != null);
  }

  /** Asks for the next message again, when reading was paused. */
  void resume() {
    WebSocket w = ws;
    if (w != null && paused.compareAndSet(true, false)) {
      w.request(1);
    }
  }

  boolean isEnded() {
    return ended.get();
  }

  /** Keeps {@code error}, which the server sent naming no request: why it may close. */
  void refused(ParleyClientException error) {
    refusal = error;
  }

  /** The last error the server sent naming no request, or null. */
  @Nullable ParleyClientException refusal() {
    return refusal;
  }

  @Override
  public void onOpen(WebSocket webSocket) {
    ws = webSocket;
    heardAt = System.nanoTime();
    writer = Thread.ofVirtual().name("parley-client-socket-writer").start(() -> write(webSocket));
    if (pingNanos > 0) {
      long tick = Math.max(TimeUnit.MILLISECONDS.toNanos(5), Math.min(pingNanos, pongNanos) / 2);
      keepAlive = Deadlines.every(this::checkAlive, tick);
    }
    events.opened(this);
    webSocket.request(1);
  }

  @Override
  public @Nullable CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    heard();
    partial.append(data);
    if (!last) {
      webSocket.request(1);
      return null;
    }
    String text = partial.toString();
    partial.setLength(0);
    if (text.equals(SocketMessages.PING)) {
      send(SocketMessages.PONG);
    } else if (!text.equals(SocketMessages.PONG)) {
      try {
        events.message(this, text);
      } catch (RuntimeException e) {
        ClientLog.LOG.log(System.Logger.Level.WARNING, "dropped a message the client failed on", e);
      }
    }
    next(webSocket);
    return null;
  }

  @Override
  public @Nullable CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
    heard();
    ClientLog.LOG.log(System.Logger.Level.WARNING, "dropped a binary message from the server");
    next(webSocket);
    return null;
  }

  @Override
  public @Nullable CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
    heard();
    next(webSocket);
    return null;
  }

  @Override
  public @Nullable CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
    heard();
    next(webSocket);
    return null;
  }

  @Override
  public @Nullable CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    end(unreachable("the server closed the connection (" + statusCode
        + (reason.isEmpty() ? "" : " " + reason) + ")", null), true, statusCode);
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    end(unreachable("the connection failed", error), true);
  }

  private void heard() {
    heardAt = System.nanoTime();
    pinged = false;
  }

  /** Asks for the next message, unless a listener lags: then {@link #resume()} will. */
  private void next(WebSocket webSocket) {
    if (!events.overloaded()) {
      webSocket.request(1);
      return;
    }
    paused.set(true);
    if (!events.overloaded() && paused.compareAndSet(true, false)) {
      webSocket.request(1);
    }
  }

  private void checkAlive() {
    long now = System.nanoTime();
    if (pinged) {
      if (now - pingedAt >= pongNanos) {
        abort(unreachable("no answer to PING within " + Duration.ofNanos(pongNanos), null));
      }
    } else if (now - heardAt >= pingNanos) {
      pingedAt = now;
      pinged = true;
      send(SocketMessages.PING);
    }
  }

  private void write(WebSocket webSocket) {
    try {
      while (!ended.get()) {
        String text = outbound.poll(1, TimeUnit.SECONDS);
        if (text == null) {
          continue;
        }
        if (text == END) {
          webSocket.sendClose(SocketClose.NORMAL, "").get();
          return;
        }
        webSocket.sendText(text, true).get();
      }
    } catch (InterruptedException e) {
      // ended: nothing more to send
    } catch (Exception e) {
      abort(unreachable("cannot send", e));
    }
  }

  private void end(ParleyClientException cause, boolean opened) {
    end(cause, opened, 0);
  }

  private void end(ParleyClientException cause, boolean opened, int closeCode) {
    if (!ended.compareAndSet(false, true)) {
      return;
    }
    ScheduledFuture<?> k = keepAlive;
    if (k != null) {
      k.cancel(false);
    }
    outbound.clear();
    Thread w = writer;
    if (w != null) {
      w.interrupt();
    }
    events.ended(this, cause, opened, closeCode);
  }

  static ParleyClientException unreachable(String why, @Nullable Throwable cause) {
    return new ParleyClientException(ErrorCode.SERVICE_UNAVAILABLE,
        why + (cause == null ? "" : " (" + cause + ")"), 0, cause);
  }
}
