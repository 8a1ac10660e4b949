package dev.parley;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A typed value under a name that the server owns and clients observe (Devframe's shared state):
 * an observer gets the current value first, then every new one, in order. Only connections of the
 * state's role may observe it; clients may set it too only when it is {@linkplain #clientWritable()
 * client-writable}, each value checked against its schema.
 *
 * <pre>{@code
 * public static final State<Shared, Counter> COUNTER =
 *     Parley.state("counter").value(Counter.class).clientWritable();
 * }</pre>
 *
 * @param <R> the role that may observe it
 * @param <T> the value's type
 */
public final class State<R extends Shared, T> implements Descriptor<R> {
  private final Shape<R, Void, T> shape;
  private final boolean clientWritable;

  State(Shape<R, Void, T> shape, boolean clientWritable) {
    this.shape = shape;
    this.clientWritable = clientWritable;
  }

  /** A copy whose value has the given type, validated by its derived schema. */
  public <U> State<R, U> value(Class<U> type) {
    return value(Schema.of(type));
  }

  /** A copy whose value the given schema describes. */
  public <U> State<R, U> value(Schema<U> schema) {
    return new State<>(shape.withOutput(schema), clientWritable);
  }

  /** A copy that only connections of {@code role} (and of roles extending it) may observe. */
  public <S extends Shared> State<S, T> role(Role<S> role) {
    return new State<>(shape.withRole(role), clientWritable);
  }

  /** A copy that clients of its role may set too, not only the server. */
  public State<R, T> clientWritable() {
    return new State<>(shape, true);
  }

  /** A copy with a human-readable description. */
  public State<R, T> description(String description) {
    return new State<>(shape.withDescription(description), clientWritable);
  }

  /** Whether clients may set it. */
  public boolean isClientWritable() {
    return clientWritable;
  }

  /** The schema of the value. */
  public Schema<T> value() {
    return shape.output();
  }

  @Override
  public String name() {
    return shape.name();
  }

  @Override
  public Kind kind() {
    return Kind.SHARED_STATE;
  }

  @Override
  public Role<R> role() {
    return shape.role();
  }

  @Override
  public Optional<String> description() {
    return Optional.ofNullable(shape.description());
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof State<?, ?> s && s.shape.equals(shape) && s.clientWritable == clientWritable;
  }

  @Override
  public int hashCode() {
    return Objects.hash(shape, clientWritable);
  }

  @Override
  public String toString() {
    return "State[" + name() + (role() == Role.SHARED ? "" : ", " + role().name()) + "]";
  }
}
