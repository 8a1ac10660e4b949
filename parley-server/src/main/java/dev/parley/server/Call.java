package dev.parley.server;

import dev.parley.Descriptor;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link Middleware} sees of the call it wraps: the contract entry called, its decoded and
 * validated input, who is calling, how the call arrived, and the HTTP request when there is one.
 * Immutable.
 *
 * <p>Calls are of every kind a client starts: a query, a mutation or a subscription (its input),
 * a channel connect (its params and connect request) or a message on a channel connection (its
 * params and the client's message; {@link #isChannelMessage()}), a topic subscribe (the params
 * asked for) and a client event (its payload). {@code call.descriptor().kind()} tells them apart.
 */
public final class Call {
  private final Descriptor<?> descriptor;
  private final @Nullable Object params;
  private final @Nullable Object input;
  private final boolean channelMessage;
  private final Identity<?> identity;
  private final Transport transport;
  private final @Nullable ParleyRequest request;

  /**
   * A call of {@code descriptor} with {@code input} and no params: a procedure's call; the server
   * makes these, tests may too.
   *
   * @param identity who is calling; {@link Identity#anonymous()} when nobody authenticated
   * @param transport how it arrived
   * @param request the HTTP request it came in, {@code null} for an in-process call
   */
  public Call(Descriptor<?> descriptor, @Nullable Object input, Identity<?> identity,
      Transport transport, @Nullable ParleyRequest request) {
    this(descriptor, null, input, false, identity, transport, request);
  }

  /**
   * A call of {@code descriptor} with {@code params} and {@code input}: a channel's or a topic's;
   * the server makes these, tests may too.
   *
   * @param params a channel's or a topic's params; {@code null} for other kinds
   * @param input the input, as {@link #input()} says
   * @param channelMessage whether it is a message on a channel connection, not its connect
   * @param identity who is calling; {@link Identity#anonymous()} when nobody authenticated
   * @param transport how it arrived
   * @param request the HTTP request it came in (the WebSocket's upgrade), {@code null} for an
   *     in-process call
   */
  public Call(Descriptor<?> descriptor, @Nullable Object params, @Nullable Object input,
      boolean channelMessage, Identity<?> identity, Transport transport,
      @Nullable ParleyRequest request) {
    this.descriptor = Objects.requireNonNull(descriptor, "descriptor");
    this.params = params;
    this.input = input;
    this.channelMessage = channelMessage;
    this.identity = Objects.requireNonNull(identity, "identity");
    this.transport = Objects.requireNonNull(transport, "transport");
    this.request = request;
  }

  /** The contract entry called: a procedure, a channel, a topic or a client event. */
  public Descriptor<?> descriptor() {
    return descriptor;
  }

  /** The descriptor's name, e.g. {@code todos.add}. */
  public String name() {
    return descriptor.name();
  }

  /**
   * A channel's or a topic's params, validated (for a topic, those asked for); {@code null} for
   * other kinds and for a channel or topic without params.
   */
  public @Nullable Object params() {
    return params;
  }

  /**
   * The validated input: a procedure's input, a channel's connect request or (for a {@linkplain
   * #isChannelMessage() channel message}) the client's message, a topic's params asked for, a
   * client event's payload; {@code null} when there is none.
   */
  public @Nullable Object input() {
    return input;
  }

  /**
   * Whether this is a message a client sent on an open channel connection; false for the channel's
   * connect and for every other kind.
   */
  public boolean isChannelMessage() {
    return channelMessage;
  }

  /**
   * Who is calling, as the server's {@link Authenticator} resolved it, or the identity given to
   * {@link ParleyServer#invoker(Identity)} for an in-process call.
   */
  public Identity<?> identity() {
    return identity;
  }

  /** How the call arrived. */
  public Transport transport() {
    return transport;
  }

  /** The HTTP request this call came in; empty for an in-process call. */
  public Optional<ParleyRequest> request() {
    return Optional.ofNullable(request);
  }

  @Override
  public String toString() {
    return "Call[" + descriptor.name() + (channelMessage ? " message" : "") + ", " + transport
        + "]";
  }
}
