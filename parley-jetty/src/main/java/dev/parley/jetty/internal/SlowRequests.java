package dev.parley.jetty.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http2.HTTP2Connection;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes HTTP/1.x connections whose next request does not arrive whole in time: a client that sends
 * its request line and headers a byte at a time (the idle timeout restarts on every byte) is
 * answered {@code 408} in Parley's JSON and disconnected once bytes of a request have been
 * arriving for longer than the read timeout without the request being complete. Bodies have their
 * own deadline ({@link BoundedBody}); HTTP/2 has its own flow control and is left alone, and so
 * are WebSocket connections, which the server's heartbeat watches. While a
 * connection's request is being handled it is not watched. One daemon thread looks at every
 * connection once a second.
 */
final class SlowRequests extends Handler.Wrapper implements Connection.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(SlowRequests.class);
  private static final long TICK_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final long timeoutNanos;
  private final byte[] answer;
  private final Map<Connection, Progress> connections = new ConcurrentHashMap<>();
  private volatile Thread sweeper;

  /**
   * Closes connections whose requests take longer than {@code timeoutNanos} to arrive, answering
   * {@code json} (408), and hands complete requests to {@code handler}.
   */
  SlowRequests(Handler handler, long timeoutNanos, byte[] json) {
    super(handler);
    this.timeoutNanos = timeoutNanos;
    String head = "HTTP/1.1 408 Request Timeout\r\nContent-Type: application/json\r\n"
        + "Content-Length: " + json.length + "\r\nConnection: close\r\n\r\n";
    byte[] h = head.getBytes(StandardCharsets.US_ASCII);
    this.answer = new byte[h.length + json.length];
    System.arraycopy(h, 0, answer, 0, h.length);
    System.arraycopy(json, 0, answer, h.length, json.length);
  }

  /**
   * Watches HTTP/1.x connections: those that carry their requests' metadata themselves. HTTP/2
   * connections (their streams carry it) and WebSocket connections (upgraded, no requests) are
   * left alone.
   */
  @Override
  public void onOpened(Connection connection) {
    if (connection instanceof ConnectionMetaData && !(connection instanceof HTTP2Connection)) {
      connections.put(connection, new Progress(connection));
    }
  }

  @Override
  public void onClosed(Connection connection) {
    connections.remove(connection);
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    Progress p = connections.get(request.getConnectionMetaData().getConnection());
    if (p == null) {
      return super.handle(request, response, callback);
    }
    p.begin();
    return super.handle(request, response, Callback.from(callback, p::end));
  }

  @Override
  protected void doStart() throws Exception {
    super.doStart();
    sweeper = Thread.ofPlatform().daemon().name("parley-slow-requests").start(this::sweep);
  }

  @Override
  protected void doStop() throws Exception {
    Thread t = sweeper;
    if (t != null) {
      t.interrupt();
    }
    super.doStop();
  }

  private void sweep() {
    while (!Thread.currentThread().isInterrupted()) {
      try {
        Thread.sleep(TimeUnit.NANOSECONDS.toMillis(TICK_NANOS));
      } catch (InterruptedException e) {
        return;
      }
      long now = System.nanoTime();
      for (Progress p : connections.values()) {
        if (p.late(now, timeoutNanos)) {
          connections.remove(p.connection);
          refuse(p.connection.getEndPoint());
        }
      }
    }
  }

  private void refuse(EndPoint endPoint) {
    LOG.debug("closing {}: its request did not arrive in time", endPoint);
    try {
      endPoint.write(Callback.from(endPoint::close, x -> endPoint.close()), ByteBuffer.wrap(answer));
    } catch (RuntimeException e) {
      endPoint.close();
    }
  }

  /**
   * One connection's progress: whether a request of it is being handled, and how many bytes it had
   * received when the last one ended; the sweeper's own marks besides.
   */
  private static final class Progress {
    final Connection connection;
    private volatile boolean busy;
    private volatile long bytesAtEnd;
    private volatile long generation;
    private long seenGeneration = -1;
    private long pendingSince;

    Progress(Connection connection) {
      this.connection = connection;
      this.bytesAtEnd = connection.getBytesIn();
    }

    void begin() {
      busy = true;
      generation++;
    }

    void end() {
      bytesAtEnd = connection.getBytesIn();
      busy = false;
      generation++;
    }

    /** Whether bytes of a request not yet complete have been arriving for too long; sweeper only. */
    boolean late(long now, long timeoutNanos) {
      long g = generation;
      if (g != seenGeneration) {
        seenGeneration = g;
        pendingSince = 0;
      }
      if (busy) {
        return false;
      }
      if (pendingSince == 0 && connection.getBytesIn() > bytesAtEnd) {
        pendingSince = now;
      }
      return pendingSince != 0 && now - pendingSince > timeoutNanos;
    }
  }
}
