package dev.parley.client;

/**
 * The state of a client's connection to its server, as a {@link ConnectionListener} hears it.
 *
 * <p>Only the WebSocket link has one connection whose state changes: it is {@link #CONNECTING}
 * until its first connection opens, {@link #OPEN} while it has one, {@link #RECONNECTING} from
 * the moment it loses it until the next opens, and {@link #CLOSED} once the client is closed, or
 * once the server refused its credentials (the listener hears why: {@code UNAUTHORIZED} or {@code
 * FORBIDDEN}), which it would only send again. An
 * HTTP or in-process client is {@link #OPEN} until closed: HTTP calls need no lasting connection,
 * and each SSE subscription reconnects by itself.
 */
public enum ConnectionState {
  /** The first connection is being opened; calls wait for it. */
  CONNECTING,
  /** The connection is open: calls and subscriptions go through it. */
  OPEN,
  /**
   * The connection was lost (or the server asked the client to move); the client opens another
   * after a backoff delay, then resubscribes every live subscription from its last event id.
   */
  RECONNECTING,
  /**
   * The client is closed, by its user or because the server refused its credentials; this state
   * is the last.
   */
  CLOSED
}
