package dev.parley;

/**
 * A one-way message that a client fires and the server handles; nothing is answered. Only clients
 * of the event's role may fire it: the server drops one from a connection of another role.
 *
 * <pre>{@code
 * public static final ClientEvent<User, Typing> TYPING =
 *     Parley.clientEvent("typing").role(USER).payload(Typing.class);
 * }</pre>
 *
 * @param <R> the role whose clients may fire it
 * @param <P> the payload type
 */
public final class ClientEvent<R extends Shared, P> extends Described<R, P, Void>
    implements Descriptor<R> {

  ClientEvent(Shape<R, P, Void> shape) {
    super(Kind.CLIENT_EVENT, "ClientEvent", shape);
  }

  /** A copy whose payload has the given type, validated by its derived schema. */
  public <Q> ClientEvent<R, Q> payload(Class<Q> type) {
    return payload(Schema.of(type));
  }

  /** A copy whose payload the given schema describes. */
  public <Q> ClientEvent<R, Q> payload(Schema<Q> schema) {
    return new ClientEvent<>(shape.withInput(schema));
  }

  /** A copy that clients of {@code role} (and of roles extending it) only may fire. */
  public <S extends Shared> ClientEvent<S, P> role(Role<S> role) {
    return new ClientEvent<>(shape.withRole(role));
  }

  /** A copy with a human-readable description. */
  public ClientEvent<R, P> description(String description) {
    return new ClientEvent<>(shape.withDescription(description));
  }

  /** The schema of the payload; {@link Schema#none()} until one is given. */
  public Schema<P> payload() {
    return shape.input();
  }
}
