package dev.parley.server;

import org.jspecify.annotations.Nullable;

/**
 * The server's code for one client event ({@link ParleyServer#on}): takes the server's context of
 * the connection that fired it, after the server-wide middleware, the connection itself, and the
 * validated payload; nothing is answered. Runs on a virtual thread of its own; an exception it
 * throws is logged and given to the call listeners as the call's error ({@link CallListener}),
 * never sent to the client (it is not a dropped event: {@link ParleyServer#clientEventsDropped()}
 * counts those that never reached a handler).
 *
 * <pre>{@code
 * server.on(ChatApi.TYPING, (ctx, from, typing) ->
 *     server.emit(ChatApi.TYPED, Recipients.everyone().optional(), new Typed(ctx.user())));
 * }</pre>
 *
 * @param <C> the server's context type, as its handlers of queries receive it
 * @param <P> the payload type; the payload is {@code null} only for {@link Void}
 */
@FunctionalInterface
public interface ClientEventHandler<C, P> {

  /**
   * Handles one event.
   *
   * @param ctx the server's context of the connection, after the server-wide middleware
   * @param from the connection that fired it
   * @param payload the payload, valid by the event's schema
   * @throws Exception to be logged and heard by the call listeners
   */
  void handle(C ctx, Connection<?> from, @Nullable P payload) throws Exception;
}
