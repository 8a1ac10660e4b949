package dev.parley.server.internal.socket;

import dev.parley.server.internal.Failures;
import java.util.ArrayDeque;
import java.util.concurrent.ThreadFactory;

/**
 * Runs tasks one at a time, in the order given, on a virtual thread started when there is work:
 * the handlers of one connection's channel messages, in the order its frames came. Thread-safe.
 */
final class Serial {
  private static final ThreadFactory RUNNERS =
      Thread.ofVirtual().name("parley-channel").factory();

  private final ArrayDeque<Runnable> tasks = new ArrayDeque<>();
  private boolean running;

  void run(Runnable task) {
    synchronized (tasks) {
      tasks.add(task);
      if (running) {
        return;
      }
      running = true;
    }
    RUNNERS.newThread(this::drain).start();
  }

  private void drain() {
    while (true) {
      Runnable next;
      synchronized (tasks) {
        next = tasks.poll();
        if (next == null) {
          running = false;
          return;
        }
      }
      try {
        next.run();
      } catch (RuntimeException e) {
        Failures.LOG.warn("a channel task failed", e);
      }
    }
  }
}
