package dev.parley.server.internal.socket;

import dev.parley.internal.wire.ResourceNames;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * The server's invalidation sequence and the names of its last {@link #CAPACITY} invalidations.
 * Every invalidation (a mutation with resources, a {@code ParleyServer.invalidate}) takes the next
 * number; a query's answer carries the number current when its handler started ({@code "seq"}),
 * and a watch made after that answer names it ({@code "since"}), so that the server pushes the
 * invalidations that fell between the answer and the watch, which the index of watched names
 * could not have found. Thread-safe: appending takes the lock, reading the current number does
 * not.
 */
final class InvalidationLog {
  /** How many invalidations the log keeps. */
  static final int CAPACITY = 1024;

  private record Entry(long seq, Set<String> names) {}

  private final int capacity;
  private final ArrayDeque<Entry> entries = new ArrayDeque<>();
  private volatile long seq;

  InvalidationLog() {
    this(CAPACITY);
  }

  InvalidationLog(int capacity) {
    this.capacity = capacity;
  }

  /** Numbers the invalidation of {@code names} and keeps it, dropping the oldest when full. */
  synchronized long append(Collection<String> names) {
    long next = seq + 1;
    if (entries.size() == capacity) {
      entries.removeFirst();
    }
    entries.addLast(new Entry(next, Set.copyOf(names)));
    seq = next;
    return next;
  }

  /** The number of the last invalidation; 0 before the first. */
  long current() {
    return seq;
  }

  /**
   * The names of the invalidations numbered after {@code since} that overlap {@code watched},
   * sorted; null when the log cannot tell (it no longer reaches back to {@code since}, or {@code
   * since} is ahead of it, as from another server), so that the caller invalidates every name
   * watched.
   */
  synchronized @Nullable Set<String> after(long since, Collection<String> watched) {
    Set<String> missed = new TreeSet<>();
    if (since > seq || since < seq - entries.size()) {
      return null;
    }
    Iterator<Entry> newest = entries.descendingIterator();
    while (newest.hasNext()) {
      Entry e = newest.next();
      if (e.seq() <= since) {
        break;
      }
      for (String name : e.names()) {
        for (String w : watched) {
          if (ResourceNames.overlap(name, w)) {
            missed.add(name);
            break;
          }
        }
      }
    }
    return missed;
  }
}
