package dev.parley.jetty.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Starts watching the HTTP/1.x connections of calls that run long: one daemon thread, started on
 * first use, that every {@link #TICK_MILLIS} ms hands each call running for {@link
 * ClientWatch#WATCH_AFTER_MILLIS} ms or more to its watch. Registering costs a set insertion, much
 * less than the selector's read interest that the watch costs; most calls end before their turn.
 */
final class SlowCalls {
  /** How often the thread looks: {@value} ms. */
  static final long TICK_MILLIS = 20;

  private static final Set<ClientWatch> RUNNING = ConcurrentHashMap.newKeySet();
  private static volatile boolean started;

  private SlowCalls() {}

  /** Arms {@code watch} once its call has run long enough, unless {@link #done} comes first. */
  static void add(ClientWatch watch) {
    RUNNING.add(watch);
    if (!started) {
      start();
    }
  }

  /** {@code watch}'s call ended or its answer began: it needs no arming. */
  static void done(ClientWatch watch) {
    RUNNING.remove(watch);
  }

  private static synchronized void start() {
    if (!started) {
      Thread.ofPlatform().daemon().name("parley-slow-calls").start(SlowCalls::sweep);
      started = true;
    }
  }

  private static void sweep() {
    long after = TimeUnit.MILLISECONDS.toNanos(ClientWatch.WATCH_AFTER_MILLIS);
    while (true) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(TICK_MILLIS));
      long now = System.nanoTime();
      for (ClientWatch w : RUNNING) {
        if (now - w.since() >= after && RUNNING.remove(w)) {
          w.arm();
        }
      }
    }
  }
}
