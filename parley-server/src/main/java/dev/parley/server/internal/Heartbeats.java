package dev.parley.server.internal;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One timer thread for every live stream's keep-alive: each beat runs on a virtual thread of its
 * own, so a beat that blocks on a slow connection delays no other; a stream whose last beat is
 * still running skips the next.
 */
public final class Heartbeats {
  private static final ThreadFactory BEATS = Thread.ofVirtual().name("parley-heartbeat").factory();

  private final ScheduledThreadPoolExecutor timer;

  /** A timer with its thread started on first use. */
  public Heartbeats() {
    timer = new ScheduledThreadPoolExecutor(1,
        Thread.ofPlatform().daemon().name("parley-heartbeats").factory());
    timer.setRemoveOnCancelPolicy(true);
  }

  /**
   * Runs {@code beat} every {@code interval} until the returned handle is cancelled; nothing when
   * the interval is zero.
   */
  public Beat every(Duration interval, Runnable beat) {
    if (interval.isZero()) {
      return () -> {};
    }
    AtomicBoolean running = new AtomicBoolean();
    long nanos = interval.toNanos();
    ScheduledFuture<?> task;
    try {
      task = timer.scheduleAtFixedRate(() -> {
        if (running.compareAndSet(false, true)) {
          BEATS.newThread(() -> {
            try {
              beat.run();
            } finally {
              running.set(false);
            }
          }).start();
        }
      }, nanos, nanos, TimeUnit.NANOSECONDS);
    } catch (java.util.concurrent.RejectedExecutionException stopped) {
      return () -> {};
    }
    return () -> task.cancel(false);
  }

  /**
   * Runs {@code task} once after {@code delay}, on a virtual thread, unless cancelled first; at
   * once when the timer is stopped.
   */
  public Beat after(Duration delay, Runnable task) {
    try {
      ScheduledFuture<?> t = timer.schedule(() -> BEATS.newThread(task).start(), delay.toNanos(),
          TimeUnit.NANOSECONDS);
      return () -> t.cancel(false);
    } catch (java.util.concurrent.RejectedExecutionException stopped) {
      BEATS.newThread(task).start();
      return () -> {};
    }
  }

  /** Stops the timer. */
  public void stop() {
    timer.shutdownNow();
  }

  /** A running keep-alive. */
  @FunctionalInterface
  public interface Beat {
    /** Stops it. */
    void cancel();
  }
}
