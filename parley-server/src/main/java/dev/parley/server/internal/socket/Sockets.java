package dev.parley.server.internal.socket;

import dev.parley.internal.json.JsonCodec;
import dev.parley.server.Authenticator;
import dev.parley.server.ParleyRequest;
import dev.parley.server.SocketOut;
import dev.parley.server.SocketSession;
import dev.parley.server.SocketStats;
import dev.parley.server.internal.Pipeline;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * The WebSocket connections of one server: opens them on the {@link Pipeline}, counts their queued
 * bytes, and closes them all at shutdown. Thread-safe.
 */
public final class Sockets implements Outbox.Meter {
  private final Pipeline pipeline;
  private final Authenticator<?> authenticator;
  private final JsonCodec frames;
  private final Replies replies;
  private final Set<SocketConnection> open = ConcurrentHashMap.newKeySet();
  // every queued message counts here, from the publisher's core and the flushers': cells, not one
  // shared word; the peak is read before it is written, so that it is written only when it grows
  private final LongAdder queued = new LongAdder();
  private final AtomicLong peak = new AtomicLong();
  private final Watches watches = new Watches();
  private final AtomicLong invalidations = new AtomicLong();
  private final InvalidationLog log = new InvalidationLog();
  private final Peers peers;
  private final Channels channels;
  private final Topics topics;
  private volatile boolean closing;

  /** The connections of {@code pipeline}'s calls, each caller resolved by {@code authenticator}. */
  public Sockets(Pipeline pipeline, Authenticator<?> authenticator) {
    this.pipeline = pipeline;
    this.authenticator = authenticator;
    // a frame's array, message and params wrap the input: they do not count against its depth
    this.frames = new JsonCodec(pipeline.options().maxJsonDepth() + 3);
    this.replies = new Replies(pipeline.codec());
    this.peers = new Peers(pipeline);
    this.channels = new Channels(pipeline.contract(), pipeline.codec());
    this.topics = new Topics(pipeline.contract(), pipeline.codec());
  }

  /** The connections whose client said hello: events, rooms and client procedures. */
  public Peers peers() {
    return peers;
  }

  /** The server's topics. */
  public Topics topics() {
    return topics;
  }

  /** The server's channels. */
  public Channels channels() {
    return channels;
  }

  /** Opens a connection on {@code out}, accepted from {@code upgrade}; see {@code ParleyServer}. */
  public SocketSession open(ParleyRequest upgrade, SocketOut out) {
    SocketConnection connection = new SocketConnection(this, upgrade, out);
    open.add(connection);
    connection.start();
    if (closing) {
      connection.drain();
    }
    return connection;
  }

  /** Whether the server closes its connections: new ones are refused. */
  public boolean isClosing() {
    return closing;
  }

  /**
   * Ends every connection's subscriptions at once, asks every client to reconnect elsewhere, and
   * closes each connection ({@code 1012}) once its queries and mutations in flight are answered.
   * Returns at once.
   */
  public void closeAll() {
    closing = true;
    for (SocketConnection c : open) {
      c.drain();
    }
  }

  /**
   * Winds down the connections of the callers {@code revoked} matches: new requests refused {@code
   * UNAUTHORIZED}, closed {@code 1008} once their calls in flight are answered.
   *
   * @return how many connections it winds down
   */
  public int revoke(java.util.function.Predicate<dev.parley.server.Identity<?>> revoked) {
    int n = 0;
    for (SocketConnection c : open) {
      n += c.revokeIf(revoked) ? 1 : 0;
    }
    return n;
  }

  /** Waits until every connection is closed, or {@code timeout} passed; true when all are. */
  public boolean awaitClosed(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (open) {
      while (!open.isEmpty()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(open, left);
      }
    }
    return true;
  }

  /**
   * Closes every connection still open at once ({@code 1012}), its calls cancelled, and drops it
   * without waiting for its client to take the close frame: the shutdown grace is over.
   */
  public void closeNow() {
    closing = true;
    for (SocketConnection c : open) {
      c.close(dev.parley.internal.wire.SocketClose.RESTART, "Server is restarting", false);
      c.drop();
    }
  }

  /**
   * Pushes {@code parley.invalidate} to every connection that watches a name overlapping {@code
   * changed}, with the names of {@code changed} it watches, except the connection of {@code
   * origin} (the caller whose mutation changed them: its answer says so); coalesced per connection
   * (see {@link Watcher}). Returns how many connections it reached.
   */
  public int invalidate(Collection<String> changed, @Nullable Object origin) {
    if (changed.isEmpty()) {
      return 0;
    }
    log.append(changed); // before the index is read: a watch added after this finds it in the log
    Map<Watcher, Set<String>> found = watches.find(changed, origin);
    found.forEach(Watcher::invalidate);
    return found.size();
  }

  /**
   * The server's invalidation sequence: the number of the last invalidation (0 before any), which
   * a query's answer carries as {@code seq} (see {@link InvalidationLog}).
   */
  public long sequence() {
    return log.current();
  }

  /** The {@code parley.invalidate} messages queued on connections since the server started. */
  public long invalidationsSent() {
    return invalidations.get();
  }

  /** A new connection's watcher, metering its queue for this server. */
  Watcher watcher() {
    return new Watcher(this, watches, invalidations, log);
  }

  /** The connections now. */
  public SocketStats stats() {
    return new SocketStats(open.size(), queued.sum(), peak.get(), topics.keptParams());
  }

  @Override
  public void added(int n, long queuedNow) {
    queued.add(n);
    if (queuedNow > peak.get()) {
      peak.accumulateAndGet(queuedNow, Math::max);
    }
  }

  @Override
  public void removed(int n) {
    queued.add(-n);
  }

  void closed(SocketConnection connection) {
    open.remove(connection);
    synchronized (open) {
      open.notifyAll();
    }
  }

  Pipeline pipeline() {
    return pipeline;
  }

  Authenticator<?> authenticator() {
    return authenticator;
  }

  JsonCodec frames() {
    return frames;
  }

  Replies replies() {
    return replies;
  }
}
