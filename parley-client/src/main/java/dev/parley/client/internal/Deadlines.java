package dev.parley.client.internal;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one timer thread of every client in the JVM, for per-call timeouts, watchdogs of silent
 * connections and delays before reconnecting: a daemon thread,
 * started on first use, whose cancelled timers are removed at once so that calls answered in time
 * leave nothing behind.
 */
final class Deadlines {
  private static final ScheduledThreadPoolExecutor TIMER = timer();

  private Deadlines() {}

  static ScheduledFuture<?> schedule(Runnable task, long nanos) {
    return TIMER.schedule(task, nanos, TimeUnit.NANOSECONDS);
  }

  /** Runs {@code task} every {@code nanos}, first after {@code nanos}; it must not block. */
  static ScheduledFuture<?> every(Runnable task, long nanos) {
    return TIMER.scheduleAtFixedRate(task, nanos, nanos, TimeUnit.NANOSECONDS);
  }

  private static ScheduledThreadPoolExecutor timer() {
    ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1,
        Thread.ofPlatform().name("parley-client-timeout").daemon().factory());
    t.setRemoveOnCancelPolicy(true);
    return t;
  }
}
