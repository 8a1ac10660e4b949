package dev.parley;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A connection that a client opens with parameters and a connect request, the server answers with
 * a per-connection value (a member, a session), and that then carries typed messages both ways:
 * {@code CM} from the client, {@code SM} from the server. Only connections of the channel's role
 * may open it.
 *
 * <p>Part of the contract model today, so that contracts, roles and tooling treat it as every other
 * kind; it is served with the realtime transport.
 *
 * <pre>{@code
 * public static final Channel<User, Room, Join, Member, Say, Said> CHAT =
 *     Parley.channel("chat").role(USER).params(Room.class).connect(Join.class, Member.class)
 *         .clientMessage(Say.class).serverMessage(Said.class);
 * }</pre>
 *
 * @param <R> the role that may open it
 * @param <P> the parameters' type (which channel: a room, a document)
 * @param <Q> the connect request's type
 * @param <A> the connect answer's type, kept by the server as the connection's value
 * @param <CM> the type of messages from the client
 * @param <SM> the type of messages from the server
 */
public final class Channel<R extends Shared, P, Q, A, CM, SM> implements Descriptor<R> {
  private final Shape<R, Q, A> connect;
  private final Schema<P> params;
  private final Schema<CM> clientMessage;
  private final Schema<SM> serverMessage;

  Channel(Shape<R, Q, A> connect, Schema<P> params, Schema<CM> clientMessage,
      Schema<SM> serverMessage) {
    this.connect = connect;
    this.params = Objects.requireNonNull(params, "params");
    this.clientMessage = Objects.requireNonNull(clientMessage, "clientMessage");
    this.serverMessage = Objects.requireNonNull(serverMessage, "serverMessage");
  }

  /** A copy opened with parameters of the given type, validated by its derived schema. */
  public <T> Channel<R, T, Q, A, CM, SM> params(Class<T> type) {
    return new Channel<>(connect, Schema.of(type), clientMessage, serverMessage);
  }

  /** A copy whose connect request and answer have the given types. */
  public <T, U> Channel<R, P, T, U, CM, SM> connect(Class<T> request, Class<U> answer) {
    return new Channel<>(connect.withInput(Schema.of(request)).withOutput(Schema.of(answer)),
        params, clientMessage, serverMessage);
  }

  /** A copy whose client messages have the given type, validated by its derived schema. */
  public <T> Channel<R, P, Q, A, T, SM> clientMessage(Class<T> type) {
    return new Channel<>(connect, params, Schema.of(type), serverMessage);
  }

  /** A copy whose server messages have the given type, validated by its derived schema. */
  public <T> Channel<R, P, Q, A, CM, T> serverMessage(Class<T> type) {
    return new Channel<>(connect, params, clientMessage, Schema.of(type));
  }

  /** A copy that only connections of {@code role} (and of roles extending it) may open. */
  public <S extends Shared> Channel<S, P, Q, A, CM, SM> role(Role<S> role) {
    return new Channel<>(connect.withRole(role), params, clientMessage, serverMessage);
  }

  /** A copy with a human-readable description. */
  public Channel<R, P, Q, A, CM, SM> description(String description) {
    return new Channel<>(connect.withDescription(description), params, clientMessage,
        serverMessage);
  }

  @Override
  public String name() {
    return connect.name();
  }

  @Override
  public Kind kind() {
    return Kind.CHANNEL;
  }

  @Override
  public Role<R> role() {
    return connect.role();
  }

  @Override
  public Optional<String> description() {
    return Optional.ofNullable(connect.description());
  }

  /** The schema of the parameters; {@link Schema#none()} for a channel without any. */
  public Schema<P> params() {
    return params;
  }

  /** The schema of the connect request; {@link Schema#none()} when none is sent. */
  public Schema<Q> connectRequest() {
    return connect.input();
  }

  /** The schema of the connect answer; {@link Schema#none()} when none is kept. */
  public Schema<A> connectAnswer() {
    return connect.output();
  }

  /** The schema of messages from the client. */
  public Schema<CM> clientMessage() {
    return clientMessage;
  }

  /** The schema of messages from the server. */
  public Schema<SM> serverMessage() {
    return serverMessage;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Channel<?, ?, ?, ?, ?, ?> c && c.connect.equals(connect)
        && c.params.equals(params) && c.clientMessage.equals(clientMessage)
        && c.serverMessage.equals(serverMessage);
  }

  @Override
  public int hashCode() {
    return Objects.hash(connect, params, clientMessage, serverMessage);
  }

  @Override
  public String toString() {
    return "Channel[" + name() + (role() == Role.SHARED ? "" : ", " + role().name()) + "]";
  }
}
