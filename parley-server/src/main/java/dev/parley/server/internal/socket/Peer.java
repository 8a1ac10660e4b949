package dev.parley.server.internal.socket;

import dev.parley.ClientProcedure;
import dev.parley.ErrorCode;
import dev.parley.ParleyException;
import dev.parley.Role;
import dev.parley.Shared;
import dev.parley.internal.wire.ParleyMessages;
import dev.parley.server.Connection;
import dev.parley.server.Identity;
import dev.parley.server.internal.Caller;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * One WebSocket connection as events, rooms and client procedures see it: the public {@link
 * Connection} handle, the client procedures its client registered, its calls of them waiting for
 * an answer, the rooms it is in. It becomes a connection when its client says hello ({@link
 * #greeted}) and stops being one, once, when the connection ends ({@link #end}).
 */
final class Peer implements Connection<Shared> {
  private final Peers peers;
  private final String id;
  private final Outbox outbox;
  private final Deliveries deliveries;
  private final BiConsumer<byte[], ParleyException> refuse;
  private final ClientCalls calls;
  private final Set<String> registered = new HashSet<>();
  private final Set<LocalRoom> rooms = new HashSet<>();
  private volatile @Nullable Caller caller;
  private boolean greeted;
  private boolean ended;

  /**
   * @param refuse answers a message (its id's JSON) with an error on the connection
   */
  Peer(Peers peers, Outbox outbox, Deliveries deliveries,
      BiConsumer<byte[], ParleyException> refuse) {
    this.peers = peers;
    this.id = peers.nextId();
    this.outbox = outbox;
    this.deliveries = deliveries;
    this.refuse = refuse;
    this.calls = new ClientCalls(this, peers);
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Identity<?> identity() {
    Caller c = caller;
    return c == null ? Identity.anonymous() : c.identity();
  }

  @Override
  public synchronized boolean isOpen() {
    return greeted && !ended;
  }

  @Override
  public synchronized boolean implementsProcedure(ClientProcedure<?, ?, ?> procedure) {
    return !ended && registered.contains(procedure.name())
        && peers.contract().contains(procedure);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <S extends Shared> Optional<Connection<S>> as(Role<S> role) {
    return role.type().isAssignableFrom(role().type())
        ? Optional.of((Connection<S>) (Connection<?>) this) : Optional.empty();
  }

  /** The authenticated caller; set before any message is read. */
  void caller(Caller caller) {
    this.caller = caller;
  }

  @Nullable Caller caller() {
    return caller;
  }

  /** The client said hello: it is a connection from now on (the first time only). */
  void greeted() {
    synchronized (this) {
      if (greeted || ended || caller == null) {
        return;
      }
      greeted = true;
    }
    peers.connected(this);
  }

  /**
   * Handles {@code message} when it is one of the realtime kinds' (emit, register, answer);
   * returns false for the others.
   */
  boolean handle(Message.Parley message) {
    String method = message.method();
    if (!method.equals(ParleyMessages.EMIT) && !method.equals(ParleyMessages.REGISTER)
        && !method.equals(ParleyMessages.ANSWER)) {
      return false;
    }
    ParleyException refusal;
    if (!isOpen()) {
      refusal = new ParleyException(ErrorCode.BAD_REQUEST,
          "\"" + method + "\" comes after \"" + ParleyMessages.HELLO + "\"");
    } else {
      refusal = switch (method) {
        case ParleyMessages.EMIT -> peers.clientEvents().fired(this, message.message());
        case ParleyMessages.REGISTER -> register(message);
        default -> calls.answered(message.message());
      };
    }
    if (refusal != null) {
      refuse.accept(message.id(), refusal);
    }
    return true;
  }

  /** Queues {@code message} if it fits now; false when it does not, or the connection ended. */
  boolean offer(byte[] message) {
    return isOpen() && outbox.offer(message);
  }

  /** See {@link Deliveries#written()}. */
  CompletableFuture<Boolean> written() {
    return deliveries.written();
  }

  /** Its client procedures' calls. */
  ClientCalls calls() {
    return calls;
  }

  /** Joins {@code room}'s side of membership; false once ended. */
  synchronized boolean joined(LocalRoom room) {
    return !ended && rooms.add(room);
  }

  synchronized void left(LocalRoom room) {
    rooms.remove(room);
  }

  /**
   * The connection ended: its rooms forget it, its calls fail, its waiting deliveries fail, and
   * the server's disconnect listeners hear of it, once.
   */
  void end() {
    List<LocalRoom> were;
    boolean was;
    synchronized (this) {
      if (ended) {
        return;
      }
      ended = true;
      was = greeted;
      were = List.copyOf(rooms);
      rooms.clear();
    }
    deliveries.end();
    were.forEach(r -> r.forget(this));
    calls.end();
    if (was) {
      peers.disconnected(this);
    }
  }

  private @Nullable ParleyException register(Message.Parley message) {
    List<String> names;
    try {
      names = ParleyMessages.procedures(message.message());
    } catch (IllegalArgumentException e) {
      return new ParleyException(ErrorCode.BAD_REQUEST, e.getMessage());
    }
    Role<?> role = role();
    Collection<String> unknown = names.stream().filter(n -> !peers.contract().find(n)
        .filter(d -> d instanceof ClientProcedure<?, ?, ?> && role.sees(d)).isPresent())
        .toList();
    if (!unknown.isEmpty()) {
      return new ParleyException(ErrorCode.NOT_FOUND, "No client procedure " + unknown
          + " for this connection's role; nothing registered");
    }
    synchronized (this) {
      registered.addAll(names);
    }
    return null;
  }

  @Override
  public String toString() {
    return "Connection[" + id + ", " + role().name() + "]";
  }
}
