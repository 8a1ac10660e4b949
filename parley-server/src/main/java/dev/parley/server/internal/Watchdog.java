package dev.parley.server.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * Acts on calls that outlive their deadline, from one daemon thread: it interrupts an in-process
 * call, which so runs on its caller's thread with no hand-off, and answers TIMEOUT for an HTTP
 * request, whose thread so waits without a timer. Starting a watch costs a clock read and a set
 * insertion. The thread parks until the earliest deadline it knows; a caller wakes it only when
 * its own deadline is earlier than that, which with one server-wide timeout almost never happens.
 */
final class Watchdog {
  private static final long NONE = Long.MAX_VALUE;

  private final Set<Ticket> active = ConcurrentHashMap.newKeySet();
  private final long origin = System.nanoTime();
  private final long idleHorizonNanos;
  private volatile long nextWake = NONE;
  private volatile @Nullable Thread thread;
  private volatile boolean stopped;

  /** @param idleHorizonNanos how long to sleep with nothing to watch (the usual timeout), 0 for ever */
  Watchdog(long idleHorizonNanos) {
    this.idleHorizonNanos = idleHorizonNanos;
  }

  /** Watches until {@link Ticket#finish()}, running {@code onExpiry} once if the timeout passes first. */
  Ticket start(long timeoutNanos, Runnable onExpiry) {
    Ticket t = new Ticket(onExpiry, now() + timeoutNanos);
    active.add(t);
    if (t.deadline < nextWake) {
      Thread w = thread;
      LockSupport.unpark(w != null ? w : startThread());
    }
    return t;
  }

  void stop() {
    stopped = true;
    Thread w = thread;
    if (w != null) {
      LockSupport.unpark(w);
    }
  }

  private long now() {
    return System.nanoTime() - origin;
  }

  private synchronized Thread startThread() {
    Thread w = thread;
    if (w == null) {
      w = Thread.ofPlatform().daemon().name("parley-watchdog").unstarted(this::watch);
      thread = w;
      w.start();
    }
    return w;
  }

  private void watch() {
    while (!stopped) {
      nextWake = NONE;
      long now = now();
      long earliest = idleHorizonNanos > 0 ? now + idleHorizonNanos : NONE;
      for (Ticket t : active) {
        if (t.deadline <= now) {
          t.expire();
          active.remove(t);
        } else if (t.deadline < earliest) {
          earliest = t.deadline;
        }
      }
      nextWake = earliest;
      if (earliest == NONE) {
        LockSupport.park(this);
      } else {
        LockSupport.parkNanos(this, earliest - now);
      }
    }
  }

  /** One watched call. */
  final class Ticket {
    private static final int RUNNING = 0;
    private static final int EXPIRING = 1;
    private static final int EXPIRED = 2;
    private static final int DONE = 3;
    private static final AtomicIntegerFieldUpdater<Ticket> STATE =
        AtomicIntegerFieldUpdater.newUpdater(Ticket.class, "state");

    private final Runnable onExpiry;
    private final long deadline;
    private volatile int state;

    private Ticket(Runnable onExpiry, long deadline) {
      this.onExpiry = onExpiry;
      this.deadline = deadline;
    }

    private void expire() {
      if (STATE.compareAndSet(this, RUNNING, EXPIRING)) {
        try {
          onExpiry.run();
        } catch (RuntimeException e) {
          Engine.LOG.error("timeout action failed", e);
        } finally {
          state = EXPIRED;
        }
      }
    }

    /**
     * Ends the watch. Returns false when the deadline passed first, once the expiry action has
     * run to its end (so an interrupt it sent has arrived and can be cleared).
     */
    boolean finish() {
      active.remove(this);
      if (STATE.compareAndSet(this, RUNNING, DONE)) {
        return true;
      }
      while (state != EXPIRED) {
        Thread.onSpinWait();
      }
      return false;
    }
  }
}
