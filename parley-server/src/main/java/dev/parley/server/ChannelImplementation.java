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
 *     .onConnect((caller, room, join) -> new Member(join.username()))
 *     .onMessage((caller, room, member, say) ->
 *         server.send(ChatApi.ROOM, room, new Said(member.username(), say.text())));
 * }</pre>
 *
 * <p>The handlers of one WebSocket connection run one at a time, in the order its messages came,
 * on a virtual thread (never on the transport's): a client's messages reach {@code onMessage} in
 * the order it sent them, after its {@code onConnect} returned. Thread-safe.
 *
 * @param <P> the parameters' type
 * @param <Q> the connect request's type
 * @param <A> the connection's context, returned by {@code onConnect}
 * @param <CM> the type of messages from the client
 */
public final class ChannelImplementation<P, Q, A, CM> {
  private volatile OnConnect<P, Q, A> onConnect;
  private volatile OnMessage<P, A, CM> onMessage = (caller, params, context, message) -> {};
  private volatile OnDisconnect<P, A> onDisconnect = (caller, params, context) -> {};
  private volatile boolean connectSet;

  ChannelImplementation() {
    this.onConnect = (caller, params, request) -> {
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
  public ChannelImplementation<P, Q, A, CM> onConnect(OnConnect<P, Q, A> handler) {
    this.onConnect = Objects.requireNonNull(handler, "handler");
    this.connectSet = true;
    return this;
  }

  /**
   * Sets what runs for each message a connected client sends, already validated against the
   * channel's client message schema; by default nothing. A throw is answered to the client as an
   * error; the channel connection stays.
   */
  public ChannelImplementation<P, Q, A, CM> onMessage(OnMessage<P, A, CM> handler) {
    this.onMessage = Objects.requireNonNull(handler, "handler");
    return this;
  }

  /**
   * Sets what runs once when a channel connection ends, whatever ended it: the client left, its
   * WebSocket closed or was lost, or the server shut down; by default nothing. A throw is logged.
   */
  public ChannelImplementation<P, Q, A, CM> onDisconnect(OnDisconnect<P, A> handler) {
    this.onDisconnect = Objects.requireNonNull(handler, "handler");
    return this;
  }

  /** Whether {@code onConnect} was set. */
  boolean isImplemented() {
    return connectSet;
  }

  OnConnect<P, Q, A> connectHandler() {
    return onConnect;
  }

  OnMessage<P, A, CM> messageHandler() {
    return onMessage;
  }

  OnDisconnect<P, A> disconnectHandler() {
    return onDisconnect;
  }

  /** Runs when a client connects. */
  @FunctionalInterface
  public interface OnConnect<P, Q, A> {
    /**
     * The new connection's context.
     *
     * @param caller who connects, as the server's authenticator resolved them
     * @param params the channel's parameters, validated
     * @param request the connect request, validated
     * @throws Exception to refuse the connect
     */
    A connect(Identity<?> caller, P params, Q request) throws Exception;
  }

  /** Runs for each message a connected client sends. */
  @FunctionalInterface
  public interface OnMessage<P, A, CM> {
    /**
     * Handles {@code message} from the connection whose context is {@code context}.
     *
     * @throws Exception to answer the client with an error
     */
    void message(Identity<?> caller, P params, A context, CM message) throws Exception;
  }

  /** Runs once when a channel connection ends. */
  @FunctionalInterface
  public interface OnDisconnect<P, A> {
    /** The connection whose context is {@code context} ended. */
    void disconnected(Identity<?> caller, P params, A context) throws Exception;
  }
}
