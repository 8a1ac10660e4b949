package dev.parley.client.internal;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs tasks one at a time, in the order given, on a virtual thread started only while there is
 * work: how the client calls a listener from a thread of its own (so that a listener may block,
 * even on a call of the same client), without a thread per listener while it is idle. Thread-safe.
 */
class SerialExecutor implements Executor {
  private static final ThreadFactory THREADS =
      Thread.ofVirtual().name("parley-client-listener").factory();

  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicInteger size = new AtomicInteger();

  @Override
  public void execute(Runnable task) {
    tasks.add(task);
    queued(size.incrementAndGet());
    if (running.compareAndSet(false, true)) {
      THREADS.newThread(this::drain).start();
    }
  }

  /** How many tasks wait or run. */
  int size() {
    return size.get();
  }

  /** Called after a task was added, with the new count; for subclasses that watch the backlog. */
  void queued(int count) {}

  /** Called after a task ran, with the new count; for subclasses that watch the backlog. */
  void ran(int count) {}

  private void drain() {
    while (true) {
      Runnable task;
      while ((task = tasks.poll()) != null) {
        try {
          task.run();
        } finally {
          ran(size.decrementAndGet());
        }
      }
      running.set(false);
      if (tasks.isEmpty() || !running.compareAndSet(false, true)) {
        return;
      }
    }
  }
}
