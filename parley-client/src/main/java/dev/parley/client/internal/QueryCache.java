package dev.parley.client.internal;

import dev.parley.Query;
import dev.parley.Unary;
import dev.parley.client.ClientOptions;
import dev.parley.client.LiveQuery;
import dev.parley.client.MutationResult;
import dev.parley.client.ParleyClientException;
import dev.parley.internal.json.JsonCodec;
import dev.parley.internal.wire.CanonicalJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A client's query cache: its entries by procedure and canonical input, least recently used first
 * out past {@link ClientOptions#maxCacheEntries()} (listened ones are kept), and the names its
 * listeners watch. Invalidations reach it from the client's own mutations and, over a WebSocket,
 * from the server ({@link Link.Pushes}). Thread-safe.
 */
final class QueryCache implements Link.Pushes {
  private final Link link;
  private final Watched watched;
  private final int maxEntries;
  private final long staleNanos;
  private final Duration timeout;
  private final JsonCodec writer = JsonCodec.standard();
  private final LinkedHashMap<String, CacheEntry<?>> entries = new LinkedHashMap<>(16, 0.75f, true);
  private final AtomicBoolean pushing = new AtomicBoolean();
  private volatile boolean closed;

  QueryCache(Link link, ClientOptions options) {
    this.link = link;
    this.watched = new Watched(link);
    this.maxEntries = options.maxCacheEntries();
    this.staleNanos = options.staleAfter().toNanos();
    this.timeout = options.timeout();
  }

  /**
   * Whether {@code procedure}'s answers are ever fresh: a static or cacheable query's, and any
   * query's when {@link ClientOptions#staleAfter()} is not zero.
   */
  boolean caches(Unary<?, ?, ?> procedure) {
    return procedure instanceof Query<?, ?, ?> q && (staleNanos > 0 || q.isCacheable());
  }

  /** The answer of {@code query} for {@code input}: the fresh cached one, or the latest call's. */
  <I, O> CompletableFuture<MutationResult<O>> get(Unary<?, I, O> query, @Nullable I input) {
    CacheEntry<O> entry = entry(query, input);
    MutationResult<O> fresh = entry.fresh(staleNanos);
    return fresh != null ? CompletableFuture.completedFuture(fresh) : entry.latest();
  }

  /** Listens to {@code query} for {@code input}; see {@code ParleyClient.listen}. */
  <I, O> LiveQuery listen(Unary<?, I, O> query, @Nullable I input, Set<String> extra,
      Consumer<? super @Nullable O> onValue, Consumer<? super ParleyClientException> onError) {
    if (closed) {
      throw Failures.closed(query.name());
    }
    if (pushing.compareAndSet(false, true)) {
      link.pushes(this);
    }
    CacheEntry<O> entry = entry(query, input);
    LiveListener<O> listener = new LiveListener<>(entry, extra, onValue, onError,
        () -> watched.release(extra));
    watched.retain(extra);
    entry.add(listener, staleNanos);
    return listener;
  }

  /** {@code changed} changed: overlapping answers are stale, and listened ones refetched. */
  @Override
  public void invalidated(Set<String> changed) {
    if (changed.isEmpty()) {
      return;
    }
    for (CacheEntry<?> e : snapshot()) {
      if (e.overlaps(changed)) {
        e.invalidate();
      }
    }
  }

  @Override
  public void connected(boolean again) {
    watched.resend();
    if (again) {
      for (CacheEntry<?> e : snapshot()) {
        if (e.isListened()) {
          e.invalidate(); // it may have missed invalidations while the connection was down
        }
      }
    }
  }

  /** Closes every listener and forgets every answer. */
  void close() {
    closed = true;
    for (CacheEntry<?> e : snapshot()) {
      List.copyOf(e.listeners()).forEach(LiveListener::close);
    }
    synchronized (entries) {
      entries.clear();
    }
  }

  @SuppressWarnings("unchecked")
  private <I, O> CacheEntry<O> entry(Unary<?, I, O> query, @Nullable I input) {
    String key = input == null ? query.name()
        : query.name() + '?' + CanonicalJson.of(writer.toTree(input));
    synchronized (entries) {
      CacheEntry<?> e = entries.get(key);
      if (e == null || e.query != query) {
        e = new CacheEntry<>(key, query, input, link, watched, timeout);
        entries.put(key, e);
        evict(key);
      }
      return (CacheEntry<O>) e;
    }
  }

  /** Drops the least recently used entries no listener needs while there are too many. */
  private void evict(String added) {
    int over = entries.size() - maxEntries;
    for (Iterator<CacheEntry<?>> it = entries.values().iterator(); over > 0 && it.hasNext(); ) {
      CacheEntry<?> e = it.next();
      if (!e.isListened() && !e.key.equals(added)) {
        it.remove();
        over--;
      }
    }
  }

  /** How many answers it holds; for tests. */
  int size() {
    synchronized (entries) {
      return entries.size();
    }
  }

  private List<CacheEntry<?>> snapshot() {
    synchronized (entries) {
      return new ArrayList<>(entries.values());
    }
  }
}
