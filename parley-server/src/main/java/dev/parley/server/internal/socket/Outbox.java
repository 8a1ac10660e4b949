package dev.parley.server.internal.socket;

import dev.parley.server.SocketOut;
import dev.parley.server.internal.Failures;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * One connection's bounded outbound queue, drained by one writer: a virtual thread started when a
 * message arrives in an idle queue, that hands the messages to the transport one at a time, each
 * after the previous one was written, and ends when the queue is empty.
 *
 * <p>The queue holds at most {@code limit} bytes, the message being written included; a single
 * larger message is taken alone into an empty queue. A producer whose message does not fit waits
 * for room. When the message being written makes no progress for the stall time while a producer
 * waits, the connection is stalled: the producer gives up and the owner is told, once.
 */
final class Outbox {
  private static final ThreadFactory WRITERS =
      Thread.ofVirtual().name("parley-socket-writer").factory();

  private final SocketOut out;
  private final long limit;
  private final long stallNanos;
  private final Meter meter;
  private final Runnable onStall;
  private final Runnable onFailure;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition room = lock.newCondition();
  private final ArrayDeque<byte[]> queue = new ArrayDeque<>(4);
  private long bytes;
  private boolean writing;
  private boolean closed;
  private boolean stalled;
  private long progressAt = System.nanoTime();
  private @Nullable Closing closing;
  private @Nullable CompletableFuture<@Nullable Throwable> inFlight;

  /**
   * A queue of {@code limit} bytes in front of {@code out}.
   *
   * @param meter counts the bytes of every queue of the server
   * @param onStall told once, from a producer's thread, when the queue stalled
   * @param onFailure told once, from the writer, when the transport failed a send
   */
  Outbox(SocketOut out, long limit, long stallNanos, Meter meter, Runnable onStall,
      Runnable onFailure) {
    this.out = out;
    this.limit = limit;
    this.stallNanos = stallNanos;
    this.meter = meter;
    this.onStall = onStall;
    this.onFailure = onFailure;
  }

  /**
   * Queues {@code message} (UTF-8 text), waiting while it does not fit.
   *
   * @return false when it was not queued: the queue is closed, or stalled while waiting
   * @throws InterruptedException when the waiting thread is interrupted
   */
  boolean put(byte[] message) throws InterruptedException {
    boolean stall = false;
    lock.lockInterruptibly();
    try {
      while (!closed && bytes > 0 && bytes + message.length > limit) {
        long waited = System.nanoTime() - progressAt;
        if (waited >= stallNanos) {
          stall = !stalled;
          stalled = true;
          closed = true;
          break;
        }
        room.awaitNanos(stallNanos - waited);
      }
      if (closed) {
        return false;
      }
      queue.add(message);
      bytes += message.length;
      meter.added(message.length, bytes);
      if (!writing) {
        writing = true;
        progressAt = System.nanoTime();
        WRITERS.newThread(this::drain).start();
      }
      return true;
    } finally {
      lock.unlock();
      if (stall) {
        onStall.run();
      }
    }
  }

  /**
   * Takes no more messages, and closes the connection with {@code code} once those queued are
   * written.
   */
  void finish(int code, String reason) {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      closing = new Closing(code, reason);
      room.signalAll();
      if (!writing) {
        writing = true;
        WRITERS.newThread(this::drain).start();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Drops the messages not yet handed to the transport, takes no more, and closes the connection
   * with {@code code} at once: its close frame follows the message being written, if any.
   */
  void closeNow(int code, String reason) {
    dropAll();
    out.close(code, reason);
  }

  /** Drops every message and takes no more: the connection is gone. */
  void dispose() {
    CompletableFuture<@Nullable Throwable> pending = dropAll();
    if (pending != null) {
      pending.complete(new IllegalStateException("the connection is closed"));
    }
  }

  private @Nullable CompletableFuture<@Nullable Throwable> dropAll() {
    lock.lock();
    try {
      closed = true;
      closing = null;
      byte[] head = writing ? queue.peek() : null;
      for (byte[] m : queue) {
        if (m != head) {
          bytes -= m.length;
          meter.removed(m.length);
        }
      }
      queue.clear();
      if (head != null) {
        queue.add(head);
      }
      room.signalAll();
      return inFlight;
    } finally {
      lock.unlock();
    }
  }

  /** The bytes queued now, the message being written included. */
  long bytes() {
    lock.lock();
    try {
      return bytes;
    } finally {
      lock.unlock();
    }
  }

  private void drain() {
    while (true) {
      byte[] next;
      CompletableFuture<@Nullable Throwable> sent = new CompletableFuture<>();
      Closing last = null;
      lock.lock();
      try {
        next = queue.peek();
        if (next == null) {
          writing = false;
          last = closing;
          closing = null;
        } else {
          progressAt = System.nanoTime();
          inFlight = sent;
        }
      } finally {
        lock.unlock();
      }
      if (next == null) {
        if (last != null) {
          out.close(last.code(), last.reason());
        }
        return;
      }
      Throwable failure = send(next, sent);
      lock.lock();
      try {
        inFlight = null;
        queue.poll();
        bytes -= next.length;
        meter.removed(next.length);
        progressAt = System.nanoTime();
        room.signalAll();
        if (failure != null) {
          closed = true;
          closing = null;
          writing = false;
          for (byte[] m : queue) {
            bytes -= m.length;
            meter.removed(m.length);
          }
          queue.clear();
        }
      } finally {
        lock.unlock();
      }
      if (failure != null) {
        Failures.LOG.debug("a WebSocket message could not be sent: {}", failure.toString());
        onFailure.run();
        return;
      }
    }
  }

  private @Nullable Throwable send(byte[] message,
      CompletableFuture<@Nullable Throwable> sent) {
    try {
      out.send(new String(message, StandardCharsets.UTF_8), sent::complete);
    } catch (RuntimeException e) {
      sent.complete(e);
    }
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return sent.get();
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          return e.getCause();
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private record Closing(int code, String reason) {}

  /** Counts the bytes of every queue of a server. */
  interface Meter {
    /** {@code n} bytes were queued, and one queue now holds {@code queued}. */
    void added(int n, long queued);

    /** {@code n} bytes left a queue. */
    void removed(int n);
  }
}
