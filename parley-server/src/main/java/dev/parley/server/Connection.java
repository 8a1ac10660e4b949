package dev.parley.server;

import dev.parley.ClientProcedure;
import dev.parley.Role;
import dev.parley.Shared;
import java.util.Optional;

/**
 * A live WebSocket connection of a Parley client: one that said {@code parley.hello}. Plain
 * {@code wsLink} clients, which never do, are not connections here and receive no events.
 *
 * <p>A connection is what events, rooms and client-procedure calls address: {@link
 * ParleyServer#connections()} lists them, {@link ParleyServer#onConnect} and {@link
 * ParleyServer#onDisconnect} tell of them. A handle stays valid after its connection ended:
 * {@link #isOpen()} is false then, and what is sent to it goes nowhere. Thread-safe; equal by
 * identity.
 *
 * @param <R> the role its client is known to have: {@link Shared} at first, a narrower one after
 *     {@link #as(Role)}; client procedures of role {@code R} can be {@linkplain ParleyServer#call
 *     called} on it
 */
public interface Connection<R extends Shared> {

  /** The connection's id, unique within the server for its life, e.g. {@code c17}. */
  String id();

  /** Who is connected, as the server's {@link Authenticator} resolved it at the upgrade. */
  Identity<?> identity();

  /** The caller's role: {@code identity().role()}. */
  default Role<?> role() {
    return identity().role();
  }

  /** Whether the connection is still open. */
  boolean isOpen();

  /** Whether its client registered an implementation of {@code procedure} (and is still open). */
  boolean implementsProcedure(ClientProcedure<?, ?, ?> procedure);

  /**
   * This connection typed for {@code role}, when its caller's role is {@code role} or one that
   * extends it: then {@link ParleyServer#call} accepts the client procedures of {@code role} at
   * compile time. Empty otherwise.
   *
   * <pre>{@code
   * conn.as(USER).ifPresent(user -> server.call(user, ChatApi.CONFIRM, question));
   * }</pre>
   */
  <S extends Shared> Optional<Connection<S>> as(Role<S> role);
}
