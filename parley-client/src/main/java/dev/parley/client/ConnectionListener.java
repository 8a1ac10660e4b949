package dev.parley.client;

import org.jspecify.annotations.Nullable;

/**
 * Hears the {@link ConnectionState} of a client: registered with {@link
 * ParleyClient#onConnectionState}, it hears the current state at once, then every change, in
 * order, one call at a time, on a thread of the client's (never the caller's, never while a lock
 * of the client is held). {@link ConnectionState#CLOSED} is the last call.
 */
@FunctionalInterface
public interface ConnectionListener {

  /**
   * The state changed to {@code state}.
   *
   * @param cause why the connection was lost or could not be opened, for {@link
   *     ConnectionState#RECONNECTING}; null otherwise
   */
  void onStateChange(ConnectionState state, @Nullable ParleyClientException cause);
}
