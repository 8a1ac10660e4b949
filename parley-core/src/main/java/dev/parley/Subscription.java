package dev.parley;

/**
 * A stream of outputs for one input, sent by the server until it ends or the client cancels; resumable by the last event id.
 *
 * <p>Served over SSE ({@code GET} with {@code Accept: text/event-stream}), over a WebSocket and in
 * process, each value validated against the output schema; a value may carry an event id, with
 * which a client that reconnects resumes. Built with {@link Parley#subscription(String)} and
 * refined by copies, each method returning a new immutable descriptor:
 *
 * <pre>{@code
 * Subscription<Shared, Room, Said> FEED = Parley.subscription("chat.feed").input(Room.class).output(Said.class);
 * }</pre>
 *
 * @param <R> the role that may use it
 * @param <I> the input type
 * @param <O> the output type
 */
public final class Subscription<R extends Shared, I, O> extends Described<R, I, O> implements Procedure<R, I, O> {

  Subscription(Shape<R, I, O> shape) {
    super(Kind.SUBSCRIPTION, "Subscription", shape);
  }

  /** A copy that takes input of the given type, validated by its derived schema. */
  public <J> Subscription<R, J, O> input(Class<J> type) {
    return input(Schema.of(type));
  }

  /** A copy whose input the given schema describes. */
  public <J> Subscription<R, J, O> input(Schema<J> schema) {
    return new Subscription<>(shape.withInput(schema));
  }

  /** A copy whose outputs have the given type, validated by its derived schema. */
  public <P> Subscription<R, I, P> output(Class<P> type) {
    return output(Schema.of(type));
  }

  /** A copy whose outputs the given schema describes. */
  public <P> Subscription<R, I, P> output(Schema<P> schema) {
    return new Subscription<>(shape.withOutput(schema));
  }

  /** A copy for callers of {@code role} (and of roles extending it) only. */
  public <S extends Shared> Subscription<S, I, O> role(Role<S> role) {
    return new Subscription<>(shape.withRole(role));
  }

  /** A copy with a human-readable description. */
  public Subscription<R, I, O> description(String description) {
    return new Subscription<>(shape.withDescription(description));
  }

  /** The schema of the input; {@link Schema#none()} when it takes none. */
  @Override
  public Schema<I> input() {
    return shape.input();
  }

  /** The schema of each output. */
  @Override
  public Schema<O> output() {
    return shape.output();
  }
}
