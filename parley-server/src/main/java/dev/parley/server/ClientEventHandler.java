package dev.parley.server;

import org.jspecify.annotations.Nullable;

/**
 * The server's code for one client event ({@link ParleyServer#on}): takes the connection that
 * fired it and its validated payload; nothing is answered. Runs on a virtual thread of its own;
 * an exception it throws is logged and counted ({@link ParleyServer#clientEventsDropped()}), never
 * sent to the client.
 *
 * @param <P> the payload type; the payload is {@code null} only for {@link Void}
 */
@FunctionalInterface
public interface ClientEventHandler<P> {

  /**
   * Handles one event.
   *
   * @param from the connection that fired it
   * @param payload the payload, valid by the event's schema
   * @throws Exception to be logged and counted
   */
  void handle(Connection<?> from, @Nullable P payload) throws Exception;
}
