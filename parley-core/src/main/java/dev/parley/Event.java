package dev.parley;

/**
 * A one-way message that the server pushes to recipients it picks (a connection, a principal, a
 * room); no answer. Only connections of the event's role receive it.
 *
 * <p>Part of the contract model today, so that contracts, roles and tooling treat it as every other
 * kind; it is delivered with the realtime transport.
 *
 * <pre>{@code
 * public static final Event<Agent, Announcement> ANNOUNCED =
 *     Parley.event("announced").role(AGENT).payload(Announcement.class);
 * }</pre>
 *
 * @param <R> the role whose connections receive it
 * @param <P> the payload type
 */
public final class Event<R extends Shared, P> extends Described<R, Void, P> implements Descriptor<R> {

  Event(Shape<R, Void, P> shape) {
    super(Kind.SERVER_EVENT, "Event", shape);
  }

  /** A copy whose payload has the given type, validated by its derived schema. */
  public <Q> Event<R, Q> payload(Class<Q> type) {
    return payload(Schema.of(type));
  }

  /** A copy whose payload the given schema describes. */
  public <Q> Event<R, Q> payload(Schema<Q> schema) {
    return new Event<>(shape.withOutput(schema));
  }

  /** A copy delivered to connections of {@code role} (and of roles extending it) only. */
  public <S extends Shared> Event<S, P> role(Role<S> role) {
    return new Event<>(shape.withRole(role));
  }

  /** A copy with a human-readable description. */
  public Event<R, P> description(String description) {
    return new Event<>(shape.withDescription(description));
  }

  /** The schema of the payload. */
  public Schema<P> payload() {
    return shape.output();
  }
}
