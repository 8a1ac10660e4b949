package dev.parley.server.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * The one timer of a server's deadlines: a daemon thread that runs each watched action when its
 * deadline passes. Watching costs a set insertion; the thread parks until the earliest
 * deadline it knows (at most a second when idle), and a new watch wakes it only when its deadline
 * is earlier than that, which with one server-wide timeout almost never happens. Nothing spins.
 */
final class Watchdog {
  private static final long NONE = Long.MAX_VALUE;
  /** How long the thread sleeps with nothing to watch, so that a new watch need not wake it. */
  private static final long IDLE_NANOS = 1_000_000_000L;

  private final Set<Ticket> active = ConcurrentHashMap.newKeySet();
  private volatile long nextWake = NONE;
  private volatile @Nullable Thread thread;
  private volatile boolean stopped;

  /**
   * Runs {@code onExpiry} on the timer thread once {@link System#nanoTime()} passes {@code
   * deadline}, unless the ticket is {@linkplain Ticket#cancel() cancelled} first. The action must
   * not block.
   */
  Ticket watch(long deadline, Runnable onExpiry) {
    Ticket t = new Ticket(deadline, onExpiry);
    active.add(t);
    if (deadline - nextWake < 0 || nextWake == NONE) {
      Thread w = thread;
      LockSupport.unpark(w != null ? w : startThread());
    }
    return t;
  }

  /** Stops the timer thread; watched actions no longer run. */
  void stop() {
    stopped = true;
    Thread w = thread;
    if (w != null) {
      LockSupport.unpark(w);
    }
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
      long now = System.nanoTime();
      long earliest = now + IDLE_NANOS;
      for (Ticket t : active) {
        if (t.deadline - now <= 0) {
          if (active.remove(t)) {
            t.expire();
          }
        } else if (t.deadline - earliest < 0) {
          earliest = t.deadline;
        }
      }
      nextWake = earliest;
      LockSupport.parkNanos(this, earliest - now);
    }
  }

  /** One watched deadline. */
  final class Ticket {
    private final long deadline;
    private final Runnable onExpiry;

    private Ticket(long deadline, Runnable onExpiry) {
      this.deadline = deadline;
      this.onExpiry = onExpiry;
    }

    /** Stops watching; the action will not run unless it already started. */
    void cancel() {
      active.remove(this);
    }

    private void expire() {
      try {
        onExpiry.run();
      } catch (RuntimeException e) {
        Failures.LOG.error("a deadline's action failed", e);
      }
    }
  }
}
