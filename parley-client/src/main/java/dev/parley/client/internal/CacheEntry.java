package dev.parley.client.internal;

import dev.parley.Query;
import dev.parley.Unary;
import dev.parley.client.MutationResult;
import dev.parley.client.ParleyClientException;
import dev.parley.internal.wire.ResourceNames;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * One query and input in the client's cache: its last answer with the resources it declared, how
 * fresh it is, and the listeners it feeds. It makes at most one call at a time: a refetch asked
 * for while one is in flight is remembered, once, and made when that one ends, so a burst of
 * invalidations costs at most one call in flight and one pending. Thread-safe.
 */
final class CacheEntry<O> {
  final String key;
  final Unary<?, ?, O> query;
  private final boolean isStatic;
  private final boolean cacheable;
  final @Nullable Object input;
  private final Link link;
  private final Watched watched;
  private final Duration timeout;
  private final List<LiveListener<O>> listeners = new CopyOnWriteArrayList<>();
  private @Nullable MutationResult<O> last;
  private long fetchedAt;
  private long generation;
  private long lastGeneration = -1;
  private @Nullable CompletableFuture<MutationResult<O>> inFlight;
  private long inFlightGeneration;
  private boolean again;
  private @Nullable CompletableFuture<MutationResult<O>> next;
  private Set<String> retained = Set.of();

  CacheEntry(String key, Unary<?, ?, O> query, @Nullable Object input, Link link,
      Watched watched, Duration timeout) {
    this.key = key;
    this.query = query;
    this.isStatic = query instanceof Query<?, ?, ?> q && q.isStatic();
    this.cacheable = query instanceof Query<?, ?, ?> q && q.isCacheable();
    this.input = input;
    this.link = link;
    this.watched = watched;
    this.timeout = timeout;
  }

  /**
   * The last answer while it is fresh: a static query's always (its output never changes); a
   * cacheable query's until an invalidation overlaps it; any other's until then and for {@code
   * staleNanos} after it was fetched.
   */
  synchronized @Nullable MutationResult<O> fresh(long staleNanos) {
    if (last == null || isStatic) {
      return last;
    }
    if (lastGeneration != generation) {
      return null;
    }
    return cacheable || System.nanoTime() - fetchedAt < staleNanos ? last : null;
  }

  /**
   * An answer given after the latest invalidation: the call in flight when it started after it,
   * else the next one.
   */
  CompletableFuture<MutationResult<O>> latest() {
    synchronized (this) {
      if (inFlight != null && inFlightGeneration == generation) {
        return inFlight;
      }
      if (inFlight != null) {
        again = true;
        if (next == null) {
          next = new CompletableFuture<>();
        }
        return next;
      }
    }
    return start();
  }

  /** Calls again: now, or once the call in flight ended. */
  void refetch() {
    synchronized (this) {
      if (inFlight != null) {
        again = true;
        return;
      }
    }
    start();
  }

  /**
   * Whether {@code changed} overlaps what the last answer declared, or a listener's own names; or
   * may: while the first answer is on its way, what it reads is not known yet, so any change counts
   * (that answer may have been read before the change, and must not be kept as fresh).
   */
  boolean overlaps(Set<String> changed) {
    Set<String> declared;
    synchronized (this) {
      if (last == null && inFlight != null) {
        return true;
      }
      declared = last == null ? Set.of() : last.resources();
    }
    if (ResourceNames.overlapAny(declared, changed)) {
      return true;
    }
    for (LiveListener<O> l : listeners) {
      if (ResourceNames.overlapAny(l.extra, changed)) {
        return true;
      }
    }
    return false;
  }

  /** {@code changed} overlaps: the answer is stale, and refetched when listened to. */
  void invalidate() {
    if (isStatic) {
      return; // a static query's output never changes: nothing to refetch
    }
    synchronized (this) {
      generation++;
    }
    if (!listeners.isEmpty()) {
      refetch();
    }
  }

  /**
   * Adds {@code l}: it hears the fresh answer at once, else the answer of the call in flight when
   * no invalidation came since it started, else that of a new call.
   */
  void add(LiveListener<O> l, long staleNanos) {
    Set<String> first = null;
    synchronized (this) {
      if (listeners.isEmpty() && last != null) {
        first = last.resources();
        retained = first;
      }
      listeners.add(l);
    }
    if (first != null) {
      watched.retain(first, Sequenced.seq(first));
    }
    MutationResult<O> fresh = fresh(staleNanos);
    if (fresh != null) {
      l.value(fresh.value());
      return;
    }
    synchronized (this) {
      if (inFlight != null && inFlightGeneration == generation) {
        return; // the call in flight started after the last invalidation: it hears its answer
      }
    }
    refetch();
  }

  /** Removes {@code l}; the names its answers declared are no longer watched for it once none is left. */
  void remove(LiveListener<O> l) {
    Set<String> gone = null;
    synchronized (this) {
      if (listeners.remove(l) && listeners.isEmpty()) {
        gone = retained;
        retained = Set.of();
      }
    }
    if (gone != null) {
      watched.release(gone);
    }
  }

  boolean isListened() {
    return !listeners.isEmpty();
  }

  List<LiveListener<O>> listeners() {
    return listeners;
  }

  private CompletableFuture<MutationResult<O>> start() {
    CompletableFuture<MutationResult<O>> call;
    synchronized (this) {
      if (inFlight != null) {
        again = true;
        return inFlight;
      }
      call = new CompletableFuture<>();
      inFlight = call;
      inFlightGeneration = generation;
    }
    @SuppressWarnings("unchecked")
    Unary<?, Object, O> unary = (Unary<?, Object, O>) query;
    link.fetch(unary, input, timeout).whenComplete((answer, error) -> done(call, answer, error));
    return call;
  }

  private void done(CompletableFuture<MutationResult<O>> call,
      @Nullable MutationResult<O> answer, @Nullable Throwable error) {
    boolean more;
    CompletableFuture<MutationResult<O>> waiting;
    Set<String> before = null;
    Set<String> after = null;
    synchronized (this) {
      inFlight = null;
      if (answer != null) {
        last = answer;
        fetchedAt = System.nanoTime();
        lastGeneration = inFlightGeneration;
        if (!listeners.isEmpty() && !answer.resources().equals(retained)) {
          before = retained;
          after = answer.resources();
          retained = after;
        }
      }
      more = again;
      again = false;
      waiting = next;
      next = null;
    }
    if (after != null) {
      watched.retain(after, Sequenced.seq(after));
      watched.release(before);
    }
    if (answer != null) {
      call.complete(answer);
      listeners.forEach(l -> l.value(answer.value()));
    } else {
      ParleyClientException e = Failures.of(error, query.name());
      call.completeExceptionally(e);
      listeners.forEach(l -> l.error(e));
    }
    if (more) {
      CompletableFuture<MutationResult<O>> following = start();
      if (waiting != null) {
        following.whenComplete((a, e) -> {
          if (e != null) {
            waiting.completeExceptionally(e);
          } else {
            waiting.complete(a);
          }
        });
      }
    }
  }
}
