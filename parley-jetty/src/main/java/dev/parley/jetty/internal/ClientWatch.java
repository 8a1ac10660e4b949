package dev.parley.jetty.internal;

import java.nio.ByteBuffer;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.AbstractEndPoint;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.EofException;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;

/**
 * Notices that the client of a request went away while its calls run, so that they can be
 * interrupted. Over HTTP/2 Jetty reads the connection all along and a reset stream or a closed
 * connection fails the request, which its failure listener hears. Over HTTP/1.x Jetty does not read
 * while a request is handled, so the watch asks the connection's end point for read interest once
 * the body is read and the call has run for {@value #WATCH_AFTER_MILLIS} ms: end of stream means
 * the client left; bytes mean a pipelined request, which is
 * then lost, so the answer closes the connection. Started after the body is read, {@linkplain
 * #stop() stopped} before the answer completes (Jetty closes an HTTP/1.1 connection that still has
 * read interest when its response ends).
 */
final class ClientWatch {
  private static final int PEEK_BYTES = 512;
  /**
   * How long an HTTP/1.x call runs before its connection is watched: asking the selector for read
   * interest and cancelling it costs more than most calls take, so only calls still running after
   * this are watched. Their handlers learn of a client's leaving within about this delay.
   */
  static final long WATCH_AFTER_MILLIS = 50;

  private final Request request;
  private final @Nullable EndPoint endPoint;
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final AtomicBoolean fired = new AtomicBoolean();
  private volatile @Nullable Runnable onGone;
  private volatile boolean gone;
  private volatile boolean pipelined;
  private volatile boolean answering;
  private final long since = System.nanoTime();

  ClientWatch(Request request) {
    this.request = request;
    HttpVersion version = request.getConnectionMetaData().getHttpVersion();
    boolean http1 = version == HttpVersion.HTTP_1_1 || version == HttpVersion.HTTP_1_0;
    this.endPoint = http1 ? request.getConnectionMetaData().getConnection().getEndPoint() : null;
  }

  /**
   * Starts watching. While the calls run, Jetty's idle timeout does not fail the request (the
   * calls' own deadline applies); once the answer is being written, it does, so that a client that
   * stops reading does not hold the writer for ever.
   */
  void start() {
    request.addIdleTimeoutListener(timeout -> answering);
    request.addFailureListener(failure -> {
      if (!(failure instanceof TimeoutException)) {
        gone = true;
        fire();
      }
    });
    if (endPoint != null) {
      SlowCalls.add(this);
    }
  }

  /** Runs {@code r} when the client leaves, at once if it already has. */
  void whenGone(Runnable r) {
    onGone = r;
    if (gone) {
      fire();
    }
  }

  /** Whether a pipelined request was read and dropped: the answer must close the connection. */
  boolean mustClose() {
    return pipelined;
  }

  /** The answer starts: from now on an idle connection fails the request. */
  void answering() {
    answering = true;
  }

  /** Stops watching; call before writing the end of the answer. */
  void stop() {
    SlowCalls.done(this);
    if (stopped.compareAndSet(false, true) && endPoint instanceof AbstractEndPoint aep
        && aep.isFillInterested()) {
      aep.getFillInterest().onFail(new CancellationException("the request is answered"));
    }
  }

  private void fire() {
    Runnable r = onGone;
    if (r != null && fired.compareAndSet(false, true)) {
      r.run();
    }
  }

  /** When the watch started, by {@link System#nanoTime()}. */
  long since() {
    return since;
  }

  /** Asks the connection's end point for read interest, to see its end; HTTP/1.x only. */
  void arm() {
    EndPoint ep = endPoint;
    if (ep == null || stopped.get() || !ep.tryFillInterested(peek)) {
      return;
    }
    if (stopped.get()) { // stop() raced with arm()
      stopped.set(false);
      stop();
    }
  }

  private final Callback peek = new Callback() {
    @Override
    public void succeeded() {
      EndPoint ep = endPoint;
      if (stopped.get() || ep == null) {
        return;
      }
      try {
        int n = ep.fill(ByteBuffer.allocate(PEEK_BYTES).flip());
        if (n < 0) {
          request.fail(new EofException("the client closed the connection"));
        } else if (n > 0) {
          pipelined = true;
        } else {
          arm();
        }
      } catch (Throwable x) {
        request.fail(x);
      }
    }

    @Override
    public void failed(Throwable x) {
      // stopped by us, or the end point closed (Jetty then fails the request itself)
    }

    @Override
    public InvocationType getInvocationType() {
      return InvocationType.NON_BLOCKING;
    }
  };
}
