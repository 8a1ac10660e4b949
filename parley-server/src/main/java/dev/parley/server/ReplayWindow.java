package dev.parley.server;

import dev.parley.ErrorCode;
import dev.parley.ParleyException;
import dev.parley.server.internal.Emission;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 * knowing. A publication to many live followers (from 2,048 per core on) is handed to
 * them by one thread per core at once, each follower still getting the values in order.
 * Thread-safe.
 *
 * @param <T> the value type
 */
public final class ReplayWindow<T> {
  private final int capacity;
  private final ArrayDeque<Entry<T>> entries;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition published = lock.newCondition();
  private final List<Follower> live = new ArrayList<>();
  private final int split;
  private long next; // the sequence number of the next entry

  /** Live followers per thread a publication is handed by, at least: {@value}. */
  static final int SPLIT = 2048;

  private static final int PARTS = Runtime.getRuntime().availableProcessors();

  /**
   * A window of the last {@code capacity} values.
   *
   * @throws IllegalArgumentException if {@code capacity} is not positive
   */
  public ReplayWindow(int capacity) {
    this(capacity, SPLIT);
  }

  /** A window whose publications are handed out by several threads past {@code split} followers. */
  ReplayWindow(int capacity, int split) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("capacity: " + capacity + " (expected: > 0)");
    }
    this.capacity = capacity;
    this.split = split;
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

  /**
   * Hands entry {@code e} to every live follower, under the lock; wakes those it could not. With
   * at least {@link #split} followers per part, they are split among a few threads (one per core,
   * this one and {@link Helpers}), which the lock waits for: each follower is handed {@code e} by
   * one thread, and {@code e + 1} only after, so it still gets them in order.
   */
  private void push(Entry<T> e) {
    int n = live.size();
    int parts = Math.min(PARTS, n / split);
    if (parts <= 1) {
      live.subList(hand(e, 0, n), n).clear();
      return;
    }
    int[] bounds = new int[parts + 1];
    for (int p = 0; p <= parts; p++) {
      bounds[p] = (int) ((long) n * p / parts);
    }
    int[] ends = new int[parts];
    CompletableFuture<?>[] helpers = new CompletableFuture<?>[parts - 1];
    for (int p = 1; p < parts; p++) {
      int part = p;
      helpers[p - 1] = CompletableFuture.runAsync(
          () -> ends[part] = handOrWake(e, bounds[part], bounds[part + 1]), Helpers.POOL);
    }
    ends[0] = handOrWake(e, 0, bounds[1]);
    CompletableFuture.allOf(helpers).join(); // not interruptible: the followers need every part
    int at = ends[0];
    for (int p = 1; p < parts; p++) {
      for (int i = bounds[p]; i < ends[p]; i++) {
        live.set(at++, live.get(i));
      }
    }
    live.subList(at, n).clear();
  }

  /** {@link #hand}, or, should it fail past the followers' own failures, wakes every follower. */
  private int handOrWake(Entry<T> e, int from, int to) {
    try {
      return hand(e, from, to);
    } catch (Throwable t) { // not one follower's (those are caught): let each catch up alone
      for (int i = from; i < to; i++) {
        Follower f = live.get(i);
        f.live = false;
        LockSupport.unpark(f.thread);
      }
      return from;
    }
  }

  /**
   * Hands entry {@code e} to the live followers from index {@code from} to {@code to}, keeping
   * those that took it at the start of that range: returns the end of what it kept.
   */
  private int hand(Entry<T> e, int from, int to) {
    int kept = from;
    for (int i = from; i < to; i++) {
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
    return kept;
  }

  /**
   * The platform threads that hand publications to followers beside the publisher's: one fewer
   * than the cores, made at the first publication that needs them. Not virtual threads: a
   * publisher may hold a monitor while it waits for them, which on Java 21 holds its carrier.
   */
  private static final class Helpers {
    static final ExecutorService POOL = Executors.newFixedThreadPool(Math.max(1, PARTS - 1),
        r -> Thread.ofPlatform().name("parley-window-push").daemon().unstarted(r));
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
