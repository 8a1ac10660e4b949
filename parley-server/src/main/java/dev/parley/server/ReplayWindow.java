package dev.parley.server;

import dev.parley.ErrorCode;
import dev.parley.ParleyException;
import dev.parley.server.internal.Emission;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
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
  private final List<Follower> live = new ArrayList<>();
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
      Entry<T> entry = new Entry<>(next++, id, value);
      entries.addLast(entry);
      published.signalAll();
      push(entry);
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
   * <p>A follower that is up to date waits without a thread of its own running: {@link #publish}
   * hands the new value straight to its connection when the connection takes it at once (a
   * WebSocket whose queue has room), and wakes the follower's thread only when it does not, which
   * then sends from the window at the pace of its connection.
   *
   * @throws InterruptedException when the subscription is cancelled while it waits
   * @throws java.util.concurrent.CancellationException when it is cancelled while it sends
   * @throws ParleyException {@code SERVICE_UNAVAILABLE} when the follower fell behind the window
   */
  public void follow(Sink<T> sink) throws InterruptedException {
    String lastEventId = sink.lastEventId().orElse(null);
    Follower follower = sink instanceof Emission e && e.offers()
        ? new Follower(e, Thread.currentThread()) : null;
    if (follower != null) {
      follower.emission.start();
    }
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
          if (follower != null) {
            follower.cursor = cursor;
            follower.live = true;
            live.add(follower);
            break;
          }
          published.await();
        }
        if (follower != null && follower.live) {
          batch = List.of();
        } else {
          batch = since(cursor);
          cursor = next;
        }
      } finally {
        lock.unlock();
      }
      if (follower != null && follower.live) {
        cursor = await(follower, sink);
        continue;
      }
      for (Entry<T> e : batch) {
        sink.next(e.id, e.value);
      }
    }
  }

  /** The entries from sequence number {@code cursor} on; fails a follower the window left behind. */
  private List<Entry<T>> since(long cursor) {
    long oldest = entries.isEmpty() ? next : entries.peekFirst().seq;
    if (cursor < oldest) {
      throw new ParleyException(ErrorCode.SERVICE_UNAVAILABLE, "The subscriber fell more than "
          + capacity + " values behind; resume from the last event id");
    }
    List<Entry<T>> batch = new ArrayList<>((int) (next - cursor));
    for (Entry<T> e : entries) {
      if (e.seq >= cursor) {
        batch.add(e);
      }
    }
    return batch;
  }

  /**
   * Waits while publishers hand {@code follower}'s values to its connection, until one could not:
   * returns the sequence number to send from.
   */
  private long await(Follower follower, Sink<T> sink) throws InterruptedException {
    try {
      while (follower.live) {
        if (sink.isCancelled()) {
          throw new InterruptedException("cancelled");
        }
        LockSupport.park(this);
        if (Thread.interrupted()) {
          throw new InterruptedException("cancelled");
        }
      }
      lock.lock();
      try {
        return follower.cursor;
      } finally {
        lock.unlock();
      }
    } finally {
      if (follower.live) {
        lock.lock();
        try {
          follower.live = false;
          live.remove(follower);
        } finally {
          lock.unlock();
        }
      }
    }
  }

  /** Hands entry {@code e} to every live follower, under the lock; wakes those it could not. */
  private void push(Entry<T> e) {
    int kept = 0;
    for (int i = 0; i < live.size(); i++) {
      Follower f = live.get(i);
      boolean taken;
      try {
        taken = f.emission.offer(e.id, e.value);
      } catch (RuntimeException refused) { // cancelled, or invalid: its thread finds out
        taken = false;
      }
      if (taken) {
        f.cursor = e.seq + 1;
        live.set(kept++, f);
      } else {
        f.live = false;
        LockSupport.unpark(f.thread);
      }
    }
    live.subList(kept, live.size()).clear();
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
   * A follower whose values publishers hand to its connection while it waits: its sink, its
   * thread, and the sequence number it is to send from once woken. Guarded by the lock.
   */
  private static final class Follower {
    final Emission emission;
    final Thread thread;
    volatile boolean live;
    long cursor;

    Follower(Emission emission, Thread thread) {
      this.emission = emission;
      this.thread = thread;
    }
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
