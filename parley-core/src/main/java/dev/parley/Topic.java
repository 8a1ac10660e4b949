package dev.parley;

/**
 * Messages that a client subscribes to with parameters (a room, a document id) and the server
 * publishes to every subscriber of those parameters. Only connections of the topic's role may
 * subscribe.
 *
 * <p>Part of the contract model today, so that contracts, roles and tooling treat it as every other
 * kind; it is served with the realtime transport.
 *
 * <pre>{@code
 * public static final Topic<User, Room, Said> ROOM =
 *     Parley.topic("room").role(USER).params(Room.class).message(Said.class);
 * }</pre>
 *
 * @param <R> the role that may subscribe
 * @param <P> the parameters' type
 * @param <M> the message type
 */
public final class Topic<R extends Shared, P, M> extends Described<R, P, M>
    implements Descriptor<R> {

  Topic(Shape<R, P, M> shape) {
    super(Kind.TOPIC, "Topic", shape);
  }

  /** A copy subscribed to with parameters of the given type, validated by its derived schema. */
  public <Q> Topic<R, Q, M> params(Class<Q> type) {
    return params(Schema.of(type));
  }

  /** A copy whose parameters the given schema describes. */
  public <Q> Topic<R, Q, M> params(Schema<Q> schema) {
    return new Topic<>(shape.withInput(schema));
  }

  /** A copy whose messages have the given type, validated by its derived schema. */
  public <N> Topic<R, P, N> message(Class<N> type) {
    return message(Schema.of(type));
  }

  /** A copy whose messages the given schema describes. */
  public <N> Topic<R, P, N> message(Schema<N> schema) {
    return new Topic<>(shape.withOutput(schema));
  }

  /** A copy that only connections of {@code role} (and of roles extending it) may subscribe to. */
  public <S extends Shared> Topic<S, P, M> role(Role<S> role) {
    return new Topic<>(shape.withRole(role));
  }

  /** A copy with a human-readable description. */
  public Topic<R, P, M> description(String description) {
    return new Topic<>(shape.withDescription(description));
  }

  /** The schema of the parameters; {@link Schema#none()} for a topic without any. */
  public Schema<P> params() {
    return shape.input();
  }

  /** The schema of each message. */
  public Schema<M> message() {
    return shape.output();
  }
}
