package dev.parley.jetty.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.jspecify.annotations.Nullable;

/**
 * Reads a request body into one array, blocking (the caller is a virtual thread), and stops as soon
 * as it would pass its limit — at once when {@code Content-Length} already announces more — or
 * when its deadline passes, however steadily the bytes trickle in.
 */
final class BoundedBody {
  /** Where a body of unknown length starts growing from; not a limit. */
  private static final int FIRST_BUFFER_BYTES = 8 * 1024;

  static final byte[] EMPTY = new byte[0];

  /** The body did not arrive whole before its deadline. */
  static final class Late extends IOException {
    private static final long serialVersionUID = 1L;

    Late() {
      super("the request body did not arrive before its deadline");
    }
  }

  private BoundedBody() {}

  /**
   * The whole body, or {@code null} when it is longer than {@code maxBytes}; the rest of an
   * over-long body is left unread (Jetty discards it or closes the connection).
   *
   * @param deadline the {@link System#nanoTime()} by which the whole body must have arrived
   * @throws Late when it has not
   * @throws IOException when the body cannot be read (the peer went away, a malformed chunk)
   */
  static byte @Nullable [] read(Request request, int maxBytes, long deadline) throws IOException {
    long announced = request.getLength();
    if (announced > maxBytes) {
      return null;
    }
    if (announced == 0) {
      return EMPTY;
    }
    byte[] buf = new byte[announced > 0 ? (int) announced : Math.min(maxBytes, FIRST_BUFFER_BYTES)];
    int size = 0;
    while (true) {
      Content.Chunk chunk = request.read();
      if (chunk == null) {
        await(request, deadline);
        continue;
      }
      try {
        if (Content.Chunk.isFailure(chunk)) {
          throw new IOException("request body cannot be read", chunk.getFailure());
        }
        ByteBuffer bytes = chunk.getByteBuffer();
        int n = bytes.remaining();
        if (n > maxBytes - size) {
          return null;
        }
        if (n > buf.length - size) {
          buf = Arrays.copyOf(buf, (int) Math.min(maxBytes, Math.max(size + n, 2L * buf.length)));
        }
        bytes.get(buf, size, n);
        size += n;
        if (chunk.isLast()) {
          break;
        }
      } finally {
        chunk.release();
      }
    }
    return size == buf.length ? buf : Arrays.copyOf(buf, size);
  }

  /** Waits until more of the body can be read, or throws {@link Late} at the deadline. */
  private static void await(Request request, long deadline) throws Late {
    Thread reader = Thread.currentThread();
    AtomicBoolean ready = new AtomicBoolean();
    request.demand(() -> {
      ready.set(true);
      LockSupport.unpark(reader);
    });
    while (!ready.get()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new Late();
      }
      LockSupport.parkNanos(left);
    }
  }
}
