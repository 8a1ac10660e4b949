package dev.parley.server.internal;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts calls in flight and closes the server to new ones, for graceful shutdown. */
final class Gate {
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean closed;

  /** Lets one call in and returns true, or returns false once closed. */
  boolean enter() {
    inFlight.incrementAndGet();
    if (closed) {
      leave();
      return false;
    }
    return true;
  }

  void leave() {
    if (inFlight.decrementAndGet() == 0 && closed) {
      synchronized (this) {
        notifyAll();
      }
    }
  }

  boolean isClosed() {
    return closed;
  }

  /** Refuses new calls, then waits up to {@code grace} for those in flight; true when all ended. */
  boolean close(Duration grace) throws InterruptedException {
    closed = true;
    long deadline = System.nanoTime() + grace.toNanos();
    synchronized (this) {
      while (inFlight.get() > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
    }
    return true;
  }
}
