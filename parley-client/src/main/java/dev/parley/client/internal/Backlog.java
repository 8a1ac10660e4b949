package dev.parley.client.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@link SerialExecutor} of one WebSocket subscription's listener, which tells its link's
 * {@link Pressure} when it holds {@code max} tasks (the link then stops reading its connection)
 * and again when it drained to half of that (the link reads again).
 */
final class Backlog extends SerialExecutor {
  private final int max;
  private final Pressure pressure;
  private final AtomicBoolean over = new AtomicBoolean();

  Backlog(int max, Pressure pressure) {
    this.max = max;
    this.pressure = pressure;
  }

  @Override
  void queued(int count) {
    if (count >= max && over.compareAndSet(false, true)) {
      pressure.overloaded.incrementAndGet();
    }
  }

  @Override
  void ran(int count) {
    if (count <= max / 2 && over.compareAndSet(true, false)
        && pressure.overloaded.decrementAndGet() == 0) {
      pressure.relieved.run();
    }
  }

  /** Stops counting towards the link's pressure: the subscription ended. */
  void release() {
    if (over.compareAndSet(true, false) && pressure.overloaded.decrementAndGet() == 0) {
      pressure.relieved.run();
    }
  }

  /**
   * How many backlogs of a link are full, and what to do when none is any more.
   *
   * @param overloaded the count of full backlogs
   * @param relieved called when the count falls to 0
   */
  record Pressure(AtomicInteger overloaded, Runnable relieved) {
    boolean isOverloaded() {
      return overloaded.get() > 0;
    }
  }
}
