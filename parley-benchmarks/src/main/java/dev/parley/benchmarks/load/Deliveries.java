package dev.parley.benchmarks.load;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The publications in flight and who received them: at most {@code window} values published and
 * not yet delivered to every one of the {@code subscribers}; a value delivered to all frees its
 * slot, and the publisher publishes the next (a closed loop). Each value is identified by its
 * stamp, the publisher's {@code System.nanoTime()}, unique and increasing. Thread-safe.
 */
final class Deliveries {
  final int subscribers;
  final int window;
  private final AtomicLongArray stamps;
  private final AtomicIntegerArray counts;
  private final AtomicInteger outstanding = new AtomicInteger();
  final AtomicLong published = new AtomicLong();
  final AtomicLong completed = new AtomicLong();
  final AtomicLong strays = new AtomicLong();
  volatile boolean publishing;
  volatile boolean measuring;
  private long lastStamp;

  Deliveries(int subscribers, int window) {
    this.subscribers = subscribers;
    this.window = window;
    this.stamps = new AtomicLongArray(window);
    this.counts = new AtomicIntegerArray(window);
  }

  int outstanding() {
    return outstanding.get();
  }

  /** A new stamp in a free slot, or 0 when the window is full or publishing is off; one caller. */
  long next() {
    if (!publishing || outstanding.get() >= window) {
      return 0;
    }
    for (int slot = 0; slot < window; slot++) {
      if (stamps.get(slot) == 0) {
        long t = Math.max(System.nanoTime(), lastStamp + 1);
        lastStamp = t;
        counts.set(slot, 0);
        stamps.set(slot, t);
        outstanding.incrementAndGet();
        published.incrementAndGet();
        return t;
      }
    }
    return 0;
  }

  /**
   * One subscriber received the value stamped {@code t}.
   *
   * @return true when that was its last subscriber: a slot is free
   */
  boolean delivered(long t) {
    for (int slot = 0; slot < window; slot++) {
      if (stamps.get(slot) == t) {
        if (counts.incrementAndGet(slot) == subscribers) {
          stamps.set(slot, 0);
          outstanding.decrementAndGet();
          completed.incrementAndGet();
          return true;
        }
        return false;
      }
    }
    strays.incrementAndGet(); // a value not in flight: a duplicate, or one delivered too often
    return false;
  }
}
