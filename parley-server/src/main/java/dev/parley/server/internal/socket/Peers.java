package dev.parley.server.internal.socket;

import dev.parley.ClientEvent;
import dev.parley.ClientProcedure;
import dev.parley.Contract;
import dev.parley.ErrorCode;
import dev.parley.Event;
import dev.parley.Issue;
import dev.parley.ParleyException;
import dev.parley.Schema;
import dev.parley.internal.json.JsonCodec;
import dev.parley.internal.wire.ParleyMessages;
import dev.parley.server.ClientEventHandler;
import dev.parley.server.Connection;
import dev.parley.server.Delivery;
import dev.parley.server.Room;
import dev.parley.server.ServerOptions;
import dev.parley.server.internal.Failures;
import dev.parley.server.internal.Heartbeats;
import dev.parley.server.internal.Pipeline;
import dev.parley.server.internal.Realtime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The server's live {@link Connection}s (WebSocket connections whose client said hello), its
 * rooms, the listeners of connections coming and going, and the sending of server events and
 * client-procedure calls to them. Thread-safe.
 */
public final class Peers {
  private final Pipeline pipeline;
  private final AtomicLong ids = new AtomicLong();
  private final Map<String, Peer> open = new ConcurrentHashMap<>();
  private final Map<String, LocalRoom> rooms = new ConcurrentHashMap<>();
  private final List<Consumer<Connection<?>>> onConnect = new CopyOnWriteArrayList<>();
  private final List<Consumer<Connection<?>>> onDisconnect = new CopyOnWriteArrayList<>();
  private final AtomicLong eventsDropped = new AtomicLong();
  private final ClientEvents clientEvents = new ClientEvents(this);

  /** The connections of {@code pipeline}'s server. */
  public Peers(Pipeline pipeline) {
    this.pipeline = pipeline;
  }

  /** Every open connection now. */
  public List<Connection<?>> connections() {
    return List.copyOf(open.values());
  }

  /** The open connection {@code id}, if any. */
  public Optional<Connection<?>> connection(String id) {
    return Optional.ofNullable(open.get(id));
  }

  /** Has {@code listener} hear of every connection that opens from now on. */
  public void onConnect(Consumer<Connection<?>> listener) {
    onConnect.add(listener);
  }

  /** Has {@code listener} hear of every connection that ends from now on. */
  public void onDisconnect(Consumer<Connection<?>> listener) {
    onDisconnect.add(listener);
  }

  /** The room {@code name}, made on first use. */
  public Room room(String name) {
    return rooms.computeIfAbsent(name, LocalRoom::new);
  }

  /** The room {@code name} if it was made, null otherwise. */
  @Nullable LocalRoom roomIfAny(String name) {
    return rooms.get(name);
  }

  /** Handles {@code event} with {@code handler}; see {@code ParleyServer.on}. */
  public <P> void on(ClientEvent<?, P> event, ClientEventHandler<?, P> handler) {
    clientEvents.on(event, handler);
  }

  /**
   * The client events dropped since the server started: unknown, unhandled, invalid, or refused
   * by a middleware or a shutdown.
   */
  public long clientEventsDropped() {
    return clientEvents.dropped();
  }

  /** The server events dropped for a recipient whose queue was full or that had ended. */
  public long eventsDropped() {
    return eventsDropped.get();
  }

  /**
   * Sends {@code payload} of {@code event} to those of {@code picked} that are this server's open
   * connections of a role that sees the event, encoded once; see {@code ParleyServer.emit}.
   *
   * @param optional whether reaching none is fine
   * @param await whether the future waits until each was written
   * @throws IllegalArgumentException when the payload is not valid by the event's schema
   * @throws ParleyException {@code NOT_FOUND} when it reaches none and is not optional
   */
  public <P> CompletableFuture<Delivery> emit(Event<?, P> event, Collection<Connection<?>> picked,
      @Nullable P payload, boolean optional, boolean await) {
    if (!pipeline.contract().contains(event)) {
      throw new IllegalArgumentException(event + " is not part of " + pipeline.contract());
    }
    @SuppressWarnings("unchecked")
    List<Issue> issues = ((Schema<Object>) event.payload()).validate(payload);
    if (!issues.isEmpty()) {
      throw new IllegalArgumentException("payload of " + event + " is invalid: " + issues);
    }
    List<Peer> to = new ArrayList<>(picked.size());
    for (Connection<?> c : picked) {
      if (c instanceof Peer p && open.get(p.id()) == p && p.role().sees(event)) {
        to.add(p);
      }
    }
    if (to.isEmpty()) {
      if (!optional) {
        throw new ParleyException(ErrorCode.NOT_FOUND, "No connection receives " + event.name());
      }
      return CompletableFuture.completedFuture(new Delivery(0, 0, 0));
    }
    byte[] message = ParleyMessages.event(event.name(),
        pipeline.codec().encode(event.payload().type(), payload));
    return await ? awaited(to, message) : queued(to, message);
  }

  private CompletableFuture<Delivery> queued(List<Peer> to, byte[] message) {
    int sent = 0;
    for (Peer p : to) {
      sent += p.offer(message) ? 1 : 0;
    }
    eventsDropped.addAndGet(to.size() - sent);
    return CompletableFuture.completedFuture(new Delivery(to.size(), sent, to.size() - sent));
  }

  private CompletableFuture<Delivery> awaited(List<Peer> to, byte[] message) {
    List<CompletableFuture<Boolean>> all = new ArrayList<>(to.size());
    for (Peer p : to) {
      all.add(p.offer(message) ? p.written() : CompletableFuture.completedFuture(false));
    }
    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).thenApply(v -> {
      int n = (int) all.stream().filter(CompletableFuture::join).count();
      eventsDropped.addAndGet(to.size() - n);
      return new Delivery(to.size(), n, to.size() - n);
    });
  }

  /** Calls {@code procedure} on {@code connection}; see {@code ParleyServer.call}. */
  public <I, O> CompletableFuture<O> call(Connection<?> connection,
      ClientProcedure<?, I, O> procedure, @Nullable I input, Duration timeout) {
    if (!(connection instanceof Peer p) || open.get(p.id()) != p) {
      return CompletableFuture.failedFuture(new ParleyException(ErrorCode.NOT_FOUND,
          "Connection " + connection.id() + " is not open on this server"));
    }
    return p.calls().call(procedure, input, timeout);
  }

  // ---- for the connections ----

  String nextId() {
    return "c" + ids.incrementAndGet();
  }

  Contract contract() {
    return pipeline.contract();
  }

  JsonCodec codec() {
    return pipeline.codec();
  }

  Realtime realtime() {
    return pipeline.realtime();
  }

  ServerOptions options() {
    return pipeline.options();
  }

  Heartbeats heartbeats() {
    return pipeline.heartbeats();
  }

  ClientEvents clientEvents() {
    return clientEvents;
  }

  void connected(Peer peer) {
    open.put(peer.id(), peer);
    tell(onConnect, peer, "connect");
  }

  void disconnected(Peer peer) {
    open.remove(peer.id(), peer);
    tell(onDisconnect, peer, "disconnect");
  }

  private static void tell(List<Consumer<Connection<?>>> listeners, Peer peer, String what) {
    for (Consumer<Connection<?>> l : listeners) {
      try {
        l.accept(peer);
      } catch (RuntimeException e) {
        Failures.LOG.error("a {} listener failed for {}", what, peer, e);
      }
    }
  }
}
