package dev.parley.server;

import dev.parley.ErrorCode;
import dev.parley.ParleyException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The last values of a feed, each with its event id, kept so that a subscriber who reconnects
 * resumes where it left off (Devframe's {@code replayWindow}): {@link #publish} appends, and {@link
 * #follow} sends a subscriber what came after its last event id and then every new value, with
 * none lost or doubled between the two.
 *
 * <pre>{@code
 * ReplayWindow<Said> room = new ReplayWindow<>(100);
 * server.implement(Chat.ON_MESSAGE, (ctx, in, sink) -> room.follow(sink)); // resumes by itself
 * room.publish(said.id(), said);                                          // from a mutation
 * }</pre>
 *
 * <p>A subscriber resuming from an id the window no longer holds gets everything it holds. A live
 * follower that falls more than the window's capacity behind (its client reads too slowly) has
 * lost values: its subscription ends with {@code SERVICE_UNAVAILABLE}, so that its client resumes
 * knowing. Thread-safe.
 *
 * @param <T> the value type
 */
public final class ReplayWindow<T> {
  private final int capacity;
  private final ArrayDeque<Entry<T>> entries;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition published = lock.newCondition();
  private long next; // the sequence number of the next entry

  /**
   * A window of the last {@code capacity} values.
   *
   * @throws IllegalArgumentException if {@code capacity} is not positive
   */
  public ReplayWindow(int capacity) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("capacity: " + capacity + " (expected: > 0)");
    }
    this.capacity = capacity;
    this.entries = new ArrayDeque<>(Math.min(capacity, 1024));
  }

  /**
   * Appends {@code value} under the event id {@code id}, dropping the oldest value when full, and
   * wakes every follower.
   */
  public void publish(String id, T value) {
    Objects.requireNonNull(id, "id");
    lock.lock();
    try {
      if (entries.size() == capacity) {
        entries.removeFirst();
      }
      entries.addLast(new Entry<>(next++, id, value));
      published.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * The values after {@code lastEventId}, oldest first: all it holds when {@code lastEventId} is
   * null or no longer held.
   */
  public List<Entry<T>> after(@Nullable String lastEventId) {
    lock.lock();
    try {
      return new ArrayList<>(entries).subList(start(lastEventId), entries.size());
    } finally {
      lock.unlock();
    }
  }

  /**
   * Sends {@code sink} the values after its {@linkplain Sink#lastEventId() last event id} (none
   * when it has none: a first subscriber starts live), then every value published, until the
   * subscription is cancelled. Blocks; returns only by throwing.
   *
   * @throws InterruptedException when the subscription is cancelled while it waits
   * @throws java.util.concurrent.CancellationException when it is cancelled while it sends
   * @throws ParleyException {@code SERVICE_UNAVAILABLE} when the follower fell behind the window
   */
  public void follow(Sink<T> sink) throws InterruptedException {
    String lastEventId = sink.lastEventId().orElse(null);
    long cursor;
    lock.lock();
    try {
      cursor = lastEventId == null ? next : seqAt(start(lastEventId));
    } finally {
      lock.unlock();
    }
    while (true) {
      List<Entry<T>> batch;
      lock.lock();
      try {
        while (cursor == next) {
          published.await();
        }
        long oldest = entries.isEmpty() ? next : entries.peekFirst().seq;
        if (cursor < oldest) {
          throw new ParleyException(ErrorCode.SERVICE_UNAVAILABLE, "The subscriber fell more than "
              + capacity + " values behind; resume from the last event id");
        }
        batch = new ArrayList<>((int) (next - cursor));
        for (Entry<T> e : entries) {
          if (e.seq >= cursor) {
            batch.add(e);
          }
        }
        cursor = next;
      } finally {
        lock.unlock();
      }
      for (Entry<T> e : batch) {
        sink.next(e.id, e.value);
      }
    }
  }

  /** The index of the first entry after {@code lastEventId}; 0 when it is not held. */
  private int start(@Nullable String lastEventId) {
    if (lastEventId == null) {
      return 0;
    }
    int index = 0;
    int found = -1;
    for (Entry<T> e : entries) {
      if (e.id.equals(lastEventId)) {
        found = index;
      }
      index++;
    }
    return found + 1;
  }

  private long seqAt(int index) {
    return entries.size() == index ? next : next - entries.size() + index;
  }

  /** How many values it holds now. */
  public int size() {
    lock.lock();
    try {
      return entries.size();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    return "ReplayWindow[" + size() + " of " + capacity + "]";
  }

  /**
   * One value with its event id.
   *
   * @param seq its place in the window's history
   * @param id its event id
   * @param value the value
   * @param <T> the value type
   */
  public record Entry<T>(long seq, String id, T value) {}
}
