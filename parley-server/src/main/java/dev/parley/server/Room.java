package dev.parley.server;

import java.util.Set;

/**
 * A named set of connections whose membership the server manages: a recipient set for events
 * ({@link Recipients#room}). Got with {@link ParleyServer#room(String)}, which makes it on first
 * use and returns the same room for the same name afterwards.
 *
 * <pre>{@code
 * server.onConnect(conn -> server.room("lobby").join(conn));
 * server.emit(PRESENCE, Recipients.room(server.room("lobby")), new Presence(lobby.size()));
 * }</pre>
 *
 * <p>A connection leaves every room when it ends, before {@link ParleyServer#onDisconnect}
 * listeners run; joining with a connection that ended does nothing. Thread-safe.
 */
public interface Room {

  /** The room's name. */
  String name();

  /**
   * Adds {@code connection}; returns whether it was added (false when it was a member already, or
   * it ended).
   */
  boolean join(Connection<?> connection);

  /** Takes {@code connection} out; returns whether it was a member. */
  boolean leave(Connection<?> connection);

  /** Whether {@code connection} is a member now. */
  boolean contains(Connection<?> connection);

  /** The members now, a copy. */
  Set<Connection<?>> members();

  /** How many members it has now. */
  int size();
}
