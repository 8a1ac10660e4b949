package dev.parley.benchmarks;

import dev.parley.ErrorCode;
import dev.parley.ParleyException;
import dev.parley.server.Sink;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * A fan-out for the benchmark written against the public {@link Sink} only, without {@link
 * dev.parley.server.ReplayWindow}'s shared lock: values go into a ring, and a publication wakes
 * just the followers that sleep, each of which then sends what it has not sent yet. It measures the
 * WebSocket transport's fan-out with the least in front of it; {@code ReplayWindow} is measured
 * beside it. Thread-safe; one publisher at a time ({@link #publish} is synchronized).
 *
 * @param <T> the value type
 */
final class Feed<T> {
  private final Object[] ring;
  private final int mask;
  private final Set<Follower> followers = ConcurrentHashMap.newKeySet();
  private volatile long head; // the sequence number of the next value

  /** A feed keeping the last {@code capacity} values, a power of two. */
  Feed(int capacity) {
    if (Integer.bitCount(capacity) != 1) {
      throw new IllegalArgumentException("capacity: " + capacity + " (expected: a power of two)");
    }
    this.ring = new Object[capacity];
    this.mask = capacity - 1;
  }

  /** Appends {@code value}, tracked by its sequence number from 1, and wakes sleeping followers. */
  synchronized void publish(T value) {
    long seq = head;
    ring[(int) (seq & mask)] = value;
    head = seq + 1;
    for (Follower f : followers) {
      if (f.sleeping) {
        LockSupport.unpark(f.thread);
      }
    }
  }

  /** How many follow it now. */
  int followers() {
    return followers.size();
  }

  /**
   * Sends {@code sink} every value published from now on until cancelled.
   *
   * @throws ParleyException {@code SERVICE_UNAVAILABLE} when the follower fell a ring behind
   */
  @SuppressWarnings("unchecked")
  void follow(Sink<T> sink) throws InterruptedException {
    Follower me = new Follower(Thread.currentThread());
    followers.add(me);
    try {
      long cursor = head;
      while (true) {
        long h = head;
        if (cursor == h) {
          me.sleeping = true;
          if (head == cursor) {
            LockSupport.park(this);
          }
          me.sleeping = false;
          if (Thread.interrupted() || sink.isCancelled()) {
            throw new InterruptedException("cancelled");
          }
          continue;
        }
        for (; cursor < h; cursor++) {
          T value = (T) ring[(int) (cursor & mask)];
          if (head - cursor > ring.length) {
            throw new ParleyException(ErrorCode.SERVICE_UNAVAILABLE, "fell a ring behind");
          }
          sink.next(Long.toString(cursor + 1), value);
        }
      }
    } finally {
      followers.remove(me);
    }
  }

  private static final class Follower {
    final Thread thread;
    volatile boolean sleeping;

    Follower(Thread thread) {
      this.thread = thread;
    }
  }
}
