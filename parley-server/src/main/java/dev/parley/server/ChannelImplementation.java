package dev.parley.server;

import dev.parley.Channel;
import java.util.Objects;

/**
 * How the server serves one {@link Channel}: what runs when a client connects, when it sends a
 * message, and when its channel connection ends. Returned by {@link ParleyServer#channel}; set
 * its handlers before the server starts.
 *
 * <pre>{@code
 * server.channel(ChatApi.ROOM)
 *     .onConnect((ctx, room, join) -> new Member(join.username()))
 *     .onMessage((ctx, room, member, say) ->
 *         server.send(ChatApi.ROOM, room, new Said(member.username(), say.text())));
 * }</pre>
 *
 * <p>A connect and each message are calls of the channel, as a query is a call: they go through
 * the server-wide middleware ({@link ParleyServer.Builder#use}, {@code guard}, {@code narrow}),
 * with the WebSocket connection's context from the server's {@link ContextFactory}, and the
 * handler receives the context the middleware ends with, {@code C}. A middleware that throws
 * refuses the connect or the message as the handler would (a {@link Guard}: {@code FORBIDDEN});
 * the {@link CallListener}s hear each one; a shutdown waits for those running and refuses new
 * ones {@code SERVICE_UNAVAILABLE}. {@link Call#isChannelMessage()} tells a message from a
 * connect. {@code onDisconnect} cannot be refused: it runs without middleware, with the context
 * its {@code onConnect} received.
 *
 * <p>The handlers of one WebSocket connection run one at a time, in the order its messages came,
 * on a virtual thread (never on the transport's): a client's messages reach {@code onMessage} in
 * the order it sent them, after its {@code onConnect} returned. Thread-safe.
 *
 * @param <C> the server's context type, as its handlers of queries receive it
 * @param <P> the parameters' type
 * @param <Q> the connect request's type
 * @param <A> the connection's context, returned by {@code onConnect}
 * @param <CM> the type of messages from the client
 */
public final class ChannelImplementation<C, P, Q, A, CM> {
  private volatile OnConnect<C, P, Q, A> onConnect;
  private volatile OnMessage<C, P, A, CM> onMessage = (ctx, params, context, message) -> {};
  private volatile OnDisconnect<C, P, A> onDisconnect = (ctx, params, context) -> {};
  private volatile boolean connectSet;

  ChannelImplementation() {
    this.onConnect = (ctx, params, request) -> {
      throw new IllegalStateException("onConnect is not set");
    };
  }

  /**
   * Sets what runs when a client connects: it returns the connection's context (kept for its
   * messages and its disconnect, and checked against the channel's connect answer schema), or
   * refuses the connect by throwing, a {@link dev.parley.ParleyException} with its code
   * ({@code FORBIDDEN}, …) or any exception (then {@code INTERNAL_SERVER_ERROR}, its message
   * withheld). A channel is implemented once this is set.
   */
  public ChannelImplementation<C, P, Q, A, CM> onConnect(OnConnect<C, P, Q, A> handler) {
    this.onConnect = Objects.requireNonNull(handler, "handler");
    this.connectSet = true;
    return this;
  }

  /**
   * Sets what runs for each message a connected client sends, already validated against the
   * channel's client message schema; by default nothing. A throw is answered to the client as an
   * error; the channel connection stays.
   */
  public ChannelImplementation<C, P, Q, A, CM> onMessage(OnMessage<C, P, A, CM> handler) {
    this.onMessage = Objects.requireNonNull(handler, "handler");
    return this;
  }

  /**
   * Sets what runs once when a channel connection ends, whatever ended it: the client left, its
   * WebSocket closed or was lost, or the server shut down; by default nothing. It runs without
   * middleware and is not counted as a call; a throw is logged.
   */
  public ChannelImplementation<C, P, Q, A, CM> onDisconnect(OnDisconnect<C, P, A> handler) {
    this.onDisconnect = Objects.requireNonNull(handler, "handler");
    return this;
  }

  /** Whether {@code onConnect} was set. */
  boolean isImplemented() {
    return connectSet;
  }

  OnConnect<C, P, Q, A> connectHandler() {
    return onConnect;
  }

  OnMessage<C, P, A, CM> messageHandler() {
    return onMessage;
  }

  OnDisconnect<C, P, A> disconnectHandler() {
    return onDisconnect;
  }

  /**
   * Runs when a client connects.
   *
   * @param <C> the server's context type
   * @param <P> the parameters' type
   * @param <Q> the connect request's type
   * @param <A> the connection's context
   */
  @FunctionalInterface
  public interface OnConnect<C, P, Q, A> {
    /**
     * The new connection's context.
     *
     * @param ctx the server's context of the caller, after the server-wide middleware
     * @param params the channel's parameters, validated
     * @param request the connect request, validated
     * @throws Exception to refuse the connect
     */
    A connect(C ctx, P params, Q request) throws Exception;
  }

  /**
   * Runs for each message a connected client sends.
   *
   * @param <C> the server's context type
   * @param <P> the parameters' type
   * @param <A> the connection's context
   * @param <CM> the type of messages from the client
   */
  @FunctionalInterface
  public interface OnMessage<C, P, A, CM> {
    /**
     * Handles {@code message} from the connection whose context is {@code context}.
     *
     * @param ctx the server's context of the caller, after the server-wide middleware (which ran
     *     again for this message)
     * @param params the channel's parameters
     * @param context the connection's context, as {@code onConnect} returned it
     * @param message the message, validated
     * @throws Exception to answer the client with an error
     */
    void message(C ctx, P params, A context, CM message) throws Exception;
  }

  /**
   * Runs once when a channel connection ends.
   *
   * @param <C> the server's context type
   * @param <P> the parameters' type
   * @param <A> the connection's context
   */
  @FunctionalInterface
  public interface OnDisconnect<C, P, A> {
    /**
     * The connection whose context is {@code context} ended.
     *
     * @param ctx the server's context its {@code onConnect} received
     * @param params the channel's parameters
     * @param context the connection's context, as {@code onConnect} returned it
     * @throws Exception to be logged
     */
    void disconnected(C ctx, P params, A context) throws Exception;
  }
}
