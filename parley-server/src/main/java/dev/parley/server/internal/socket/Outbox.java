package dev.parley.server.internal.socket;

import dev.parley.server.SocketOut;
import dev.parley.server.internal.Failures;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * One connection's bounded outbound queue. It has no thread of its own: the producer that finds it
 * idle hands the transport every message queued (up to {@value #MAX_BATCH}) in one {@link
 * SocketOut#send}, which Jetty writes with one gathering write; whoever then sees that send
 * complete (the transport's thread, or the producer when it completed at once) hands over what
 * queued meanwhile, until the queue is empty. So a connection fed faster than it writes coalesces
 * its messages into few writes, and no thread is woken per message. A subscription's values, and
 * what a fan-out offers, are handed over from one of the JVM's few {@link Flushers} instead
 * ({@link #putSoon}, {@link #offer}), so that the values its producer sends in a row share a write
 * and a fan-out to many idle connections wakes no thread per connection.
 *
 * <p>The queue holds at most {@code limit} bytes, the messages being written included; a single
 * larger message is taken alone into an empty queue. A producer whose message does not fit waits
 * for room. When the messages being written make no progress for the stall time while a producer
 * waits, the connection is stalled: the producer gives up and the owner is told, once.
 */
final class Outbox {
  /** The most messages handed to the transport in one send: {@value}. */
  static final int MAX_BATCH = 64;
  /** The tries of {@link #lockSoon} before it waits: {@value}. */
  private static final int SPINS = 64;

  private final SocketOut out;
  private final long limit;
  private final long stallNanos;
  private final Meter meter;
  private final Runnable onStall;
  private final Runnable onFailure;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition room = lock.newCondition();
  private final ArrayDeque<byte[]> pending = new ArrayDeque<>(4);
  private @Nullable List<byte[]> sending;
  private long bytes;
  private boolean writing;
  private boolean closed;
  private boolean stalled;
  private long progressAt = System.nanoTime();
  private @Nullable Closing closing;
  private final Runnable flusher = this::flush;
  private volatile boolean arrays;

  /**
   * A queue of {@code limit} bytes in front of {@code out}.
   *
   * @param meter counts the bytes of every queue of the server
   * @param onStall told once, from a producer's thread, when the queue stalled
   * @param onFailure told once, from the thread that saw it, when the transport failed a send
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
   * Queues {@code message} (UTF-8 text), waiting while it does not fit; when the queue was idle,
   * hands it to the transport from this thread.
   *
   * @return false when it was not queued: the queue is closed, or stalled while waiting
   * @throws InterruptedException when the waiting thread is interrupted
   */
  boolean put(byte[] message) throws InterruptedException {
    return put(message, false);
  }

  /**
   * Queues {@code message} as {@link #put(byte[])} does, but when the queue was idle hands it to
   * the transport from one of the {@link Flushers}: the messages this thread queues right after it (a
   * subscription's values published together) then go in the same write.
   */
  boolean putSoon(byte[] message) throws InterruptedException {
    return put(message, true);
  }

  /**
   * Queues {@code message} only if it fits now, never waiting; when the queue was idle, hands it to
   * the transport from one of the {@link Flushers}, as {@link #putSoon} does.
   *
   * @return whether it was queued: false when it does not fit, or the queue is closed
   */
  boolean offer(byte[] message) {
    return offer(message, null);
  }

  /**
   * As {@link #offer(byte[])}, unless {@code from} has ended, which it is asked under the queue's
   * lock: a message it queues before its last one (which {@code from} says it ended before queuing)
   * is queued before it, and none after it, with no lock of its own around both.
   */
  boolean offer(byte[] message, @Nullable Source from) {
    lockSoon();
    try {
      if (closed || (bytes > 0 && bytes + message.length > limit)
          || (from != null && from.ended())) {
        return false;
      }
      pending.add(message);
      bytes += message.length;
      meter.added(message.length, bytes);
      if (writing) {
        return true;
      }
      writing = true;
    } finally {
      lock.unlock();
    }
    Flushers.SHARED.submit(flusher);
    return true;
  }

  /**
   * Takes the lock, spinning a little first: its holders keep it for a few instructions, and a
   * fan-out's producer and a flusher often want one queue's lock at once; parking and waking a
   * thread would cost more than the wait.
   */
  private void lockSoon() {
    for (int i = 0; i < SPINS; i++) {
      if (lock.tryLock()) {
        return;
      }
      Thread.onSpinWait();
    }
    lock.lock();
  }

  /**
   * From now on, hands the transport the messages of one send as one message, a JSON array of
   * them (each queued message is a JSON object): one frame to write and to read instead of many.
   * For clients that said they take arrays.
   */
  void arrays() {
    arrays = true;
  }

  /** {@code batch} as one JSON array; {@code batch} itself when it holds one message. */
  private List<byte[]> framed(List<byte[]> batch) {
    if (!arrays || batch.size() < 2) {
      return batch;
    }
    int length = batch.size() + 1;
    for (byte[] m : batch) {
      length += m.length;
    }
    byte[] joined = new byte[length];
    int at = 0;
    for (byte[] m : batch) {
      joined[at] = (byte) (at == 0 ? '[' : ',');
      System.arraycopy(m, 0, joined, at + 1, m.length);
      at += 1 + m.length;
    }
    joined[at] = ']';
    return List.of(joined);
  }

  /** Whether it takes no more messages. */
  boolean isClosed() {
    lock.lock();
    try {
      return closed;
    } finally {
      lock.unlock();
    }
  }

  private boolean put(byte[] message, boolean soon) throws InterruptedException {
    boolean stall = false;
    boolean flush = false;
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
      pending.add(message);
      bytes += message.length;
      meter.added(message.length, bytes);
      if (!writing) {
        writing = true;
        flush = true;
      }
      return true;
    } finally {
      lock.unlock();
      if (stall) {
        onStall.run();
      }
      if (flush) {
        if (soon) {
          Flushers.SHARED.submit(flusher);
        } else {
          flush();
        }
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
      if (writing) {
        return;
      }
      writing = true;
    } finally {
      lock.unlock();
    }
    flush();
  }

  /**
   * Drops the messages not yet handed to the transport, takes no more, and closes the connection
   * with {@code code} at once: its close frame follows the messages being written, if any.
   */
  void closeNow(int code, String reason) {
    lock.lock();
    try {
      closed = true;
      closing = null;
      dropPending();
    } finally {
      lock.unlock();
    }
    out.close(code, reason);
  }

  /**
   * Drops every message, those being written included (the transport may never say it wrote
   * them), and takes no more: the connection is gone.
   */
  void dispose() {
    lock.lock();
    try {
      closed = true;
      closing = null;
      dropPending();
      List<byte[]> inFlight = sending;
      if (inFlight != null) {
        meter.dropping();
        release(inFlight);
        sending = null;
      }
    } finally {
      lock.unlock();
    }
  }

  /** The bytes queued now, those being written included. */
  long bytes() {
    lock.lock();
    try {
      return bytes;
    } finally {
      lock.unlock();
    }
  }

  private void dropPending() {
    meter.dropping();
    for (byte[] m : pending) {
      bytes -= m.length;
      meter.removed(m.length);
    }
    pending.clear();
    room.signalAll();
  }

  private void release(List<byte[]> batch) {
    for (byte[] m : batch) {
      bytes -= m.length;
      meter.removed(m.length);
    }
  }

  /**
   * Hands the transport what is queued, batch after batch, for as long as each send completes
   * before it returns; called by the one thread that set {@code writing}.
   */
  private void flush() {
    while (true) {
      List<byte[]> batch = null;
      Closing last = null;
      lockSoon();
      try {
        if (pending.isEmpty()) {
          writing = false;
          last = closing;
          closing = null;
        } else {
          batch = new ArrayList<>(Math.min(pending.size(), MAX_BATCH));
          while (!pending.isEmpty() && batch.size() < MAX_BATCH) {
            batch.add(pending.poll());
          }
          sending = batch;
          progressAt = System.nanoTime();
        }
      } finally {
        lock.unlock();
      }
      if (batch == null) {
        if (last != null) {
          out.close(last.code(), last.reason());
        }
        return;
      }
      Completion sent = new Completion(batch);
      try {
        out.send(framed(batch), sent);
      } catch (RuntimeException e) {
        sent.done(e);
      }
      if (!sent.goOnHere()) {
        return;
      }
    }
  }

  /**
   * The end of {@code batch}'s send: accounts for it and wakes producers waiting for room.
   *
   * @return whether to go on sending
   */
  private boolean written(List<byte[]> batch, @Nullable Throwable failure) {
    lockSoon();
    try {
      if (sending == batch) {
        if (failure != null) {
          meter.dropping();
        }
        release(batch);
        sending = null;
      }
      progressAt = System.nanoTime();
      room.signalAll();
      if (failure != null) {
        closed = true;
        closing = null;
        writing = false;
        dropPending();
      }
    } finally {
      lock.unlock();
    }
    if (failure != null) {
      Failures.LOG.debug("a WebSocket message could not be sent: {}", failure.toString());
      onFailure.run();
      return false;
    }
    return true;
  }

  /**
   * One send's callback. Whichever comes second, the callback or the return from {@link
   * SocketOut#send}, goes on flushing: the sender's thread when the transport completed at once
   * (no recursion), the transport's thread otherwise.
   */
  private final class Completion implements SocketOut.Sent {
    private static final int WAITING = 0;
    private static final int DONE = 1;
    private static final int RETURNED = 2;

    private final List<byte[]> batch;
    private final AtomicInteger state = new AtomicInteger(WAITING);
    private final AtomicBoolean called = new AtomicBoolean();
    private volatile boolean goOn;

    Completion(List<byte[]> batch) {
      this.batch = batch;
    }

    @Override
    public void done(@Nullable Throwable failure) {
      if (called.getAndSet(true)) {
        return; // a transport that called twice
      }
      goOn = written(batch, failure);
      if (state.compareAndExchange(WAITING, DONE) == RETURNED && goOn) {
        flush();
      }
    }

    /** Called once send returned: whether the sender's thread goes on flushing. */
    boolean goOnHere() {
      return state.compareAndExchange(WAITING, RETURNED) == DONE && goOn;
    }
  }

  private record Closing(int code, String reason) {}

  /** Who queues a message with {@link #offer(byte[], Source)}. */
  interface Source {
    /** Whether it queued (or is about to queue) its last message: it may queue none after. */
    boolean ended();
  }

  /** Counts the bytes of every queue of a server. */
  interface Meter {
    /** {@code n} bytes were queued, and one queue now holds {@code queued}. */
    void added(int n, long queued);

    /** {@code n} bytes left a queue. */
    void removed(int n);

    /** What leaves the queue from now on is dropped, not written: the connection is gone. */
    default void dropping() {}
  }
}
