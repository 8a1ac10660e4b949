package dev.parley.server.internal.socket;

import dev.parley.internal.wire.ParleyMessages;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * What one connection watches, and its invalidations on their way out, coalesced: at most one
 * {@code parley.invalidate} of the connection is in its outbound queue at a time. While one waits
 * there (or waits for room), the resources of later invalidations gather in one pending set, sent
 * as one message once the previous one was written. So a burst of N mutations costs a slow client
 * at most two messages, however long N, and a fast client one per mutation.
 *
 * <p>It knows when its message was written by metering its connection's queue (it is the queue's
 * {@link Outbox.Meter}, passing every count on to the server's): the message is out once every
 * byte queued up to the moment it was queued has left. Thread-safe.
 */
final class Watcher implements Outbox.Meter {
  private static final ThreadFactory SENDERS =
      Thread.ofVirtual().name("parley-invalidate").factory();

  /** Queues a message on the connection, waiting for room; false when it was not queued. */
  interface Sender {
    boolean put(byte[] message) throws InterruptedException;
  }

  private final Outbox.Meter server;
  private final AtomicLong added = new AtomicLong();
  private final AtomicLong removed = new AtomicLong();
  private final AtomicLong sentCount;
  private final Set<String> watched = new HashSet<>();
  private @Nullable Sender sender;
  private final Watches index;
  private final InvalidationLog log;
  private volatile @Nullable Object origin;
  private boolean hello;
  private Set<String> pending = new TreeSet<>();
  private boolean busy;
  private volatile long mark = -1; // the bytes queued up to our message, while it is unwritten

  /**
   * @param server the server's meter, told of every count
   * @param index the server's index of watched names
   * @param sentCount counts the invalidate messages of every connection of the server
   */
  Watcher(Outbox.Meter server, Watches index, AtomicLong sentCount) {
    this(server, index, sentCount, new InvalidationLog());
  }

  /**
   * @param log the server's invalidation log, for the watches that say {@code since}
   */
  Watcher(Outbox.Meter server, Watches index, AtomicLong sentCount, InvalidationLog log) {
    this.server = server;
    this.index = index;
    this.sentCount = sentCount;
    this.log = log;
  }

  /** Sends through {@code sender} from now on. */
  synchronized void start(Sender sender) {
    this.sender = sender;
  }

  /** The connection's caller: the mutations it makes are not pushed back to it. */
  void origin(Object caller) {
    this.origin = caller;
  }

  boolean isOrigin(Object caller) {
    return origin == caller;
  }

  /** The client said hello: Parley's messages are on from now. */
  synchronized void greet() {
    hello = true;
  }

  synchronized boolean greeted() {
    return hello;
  }

  /** The names watched now. */
  synchronized Set<String> watched() {
    return Set.copyOf(watched);
  }

  /**
   * Adds {@code names}, in the server's index too, unless the connection would then watch more
   * than {@code max}: false when refused (nothing added). Nothing is added once cleared.
   */
  synchronized boolean add(Collection<String> names, int max) {
    Set<String> fresh = new HashSet<>(names);
    fresh.removeAll(watched);
    if (watched.size() + fresh.size() > max) {
      return false;
    }
    if (sender != null) {
      watched.addAll(fresh);
      index.add(this, fresh);
    }
    return true;
  }

  /**
   * Pushes what changed of {@code names} after the invalidation numbered {@code since}, once they
   * are in the index (after {@link #add}): the invalidations the index could not have found. When
   * the log no longer reaches back to {@code since}, every one of {@code names} is invalidated.
   * An invalidation both in the log and found through the index is pushed twice (coalesced when
   * the first still waits): harmless, a listener refetches.
   */
  void replay(long since, Collection<String> names) {
    Set<String> missed = log.after(since, names);
    Collection<String> stale = missed == null ? names : missed;
    if (!stale.isEmpty()) {
      invalidate(stale);
    }
  }

  /** Takes {@code names} off, in the server's index too. */
  synchronized void remove(Collection<String> names) {
    List<String> gone = names.stream().distinct().filter(watched::remove).toList();
    index.remove(this, gone);
  }

  /** Takes every name off and sends nothing more: the connection is gone. */
  synchronized void clear() {
    index.remove(this, watched);
    watched.clear();
    pending.clear();
    sender = null;
  }

  /** Queues an invalidate of {@code names}, or adds them to the one pending. */
  void invalidate(Collection<String> names) {
    synchronized (this) {
      if (sender == null) {
        return;
      }
      pending.addAll(names);
      if (busy) {
        return;
      }
      busy = true;
    }
    SENDERS.newThread(this::send).start();
  }

  private void send() {
    Set<String> names;
    Sender to;
    synchronized (this) {
      names = pending;
      pending = new TreeSet<>();
      to = sender;
      if (to == null || names.isEmpty()) {
        busy = false;
        return;
      }
    }
    boolean queued;
    try {
      queued = to.put(ParleyMessages.invalidate(names));
    } catch (InterruptedException e) {
      queued = false;
    }
    if (!queued) {
      return; // the connection is gone: it stays busy, and sends nothing more
    }
    sentCount.incrementAndGet();
    synchronized (this) {
      mark = added.get();
    }
    written();
  }

  /** When the message in the queue was written: the pending names go, or the sender rests. */
  private void written() {
    if (mark < 0) {
      return; // no invalidation of ours in the queue: the common case, without the lock
    }
    boolean again;
    synchronized (this) {
      if (mark < 0 || removed.get() < mark) {
        return;
      }
      mark = -1;
      again = !pending.isEmpty() && sender != null;
      busy = again;
    }
    if (again) {
      SENDERS.newThread(this::send).start();
    }
  }

  @Override
  public void added(int n, long queued) {
    added.addAndGet(n);
    server.added(n, queued);
  }

  @Override
  public void removed(int n) {
    removed.addAndGet(n);
    server.removed(n);
    written();
  }
}
