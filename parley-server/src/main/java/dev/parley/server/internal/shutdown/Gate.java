package dev.parley.server.internal.shutdown;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts calls in flight and closes to new ones, for graceful shutdown: the pipeline counts calls,
 * the embedded transport counts requests from the moment they arrive.
 */
public final class Gate {
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean closed;

  /** Lets one call in and returns true, or returns false (and counts nothing) once closed. */
  public boolean enter() {
    inFlight.incrementAndGet();
    if (closed) {
      leave();
      return false;
    }
    return true;
  }

  /** Ends a call that {@link #enter} let in. */
  public void leave() {
    if (inFlight.decrementAndGet() == 0 && closed) {
      synchronized (this) {
        notifyAll();
      }
    }
  }

  /** Whether {@link #close} has been called. */
  public boolean isClosed() {
    return closed;
  }

  /** Refuses new calls from now on, without waiting for those in flight. */
  public void refuse() {
    closed = true;
  }

  /** Refuses new calls, then waits up to {@code grace} for those in flight; true when all ended. */
  public boolean close(Duration grace) throws InterruptedException {
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
