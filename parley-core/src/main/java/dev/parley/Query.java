package dev.parley;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A read-only procedure: it may be called again with the same input, batched, de-duplicated while
 * in flight and, later, cached. On the HTTP wire it is a {@code GET}.
 *
 * <p>Built with {@link Parley#query(String)} and refined by copies, each method returning a new
 * immutable descriptor:
 *
 * <pre>{@code
 * public static final Query<Shared, Void, List<Todo>> LIST =
 *     Parley.query("todos.list").output(Schema.listOf(Todo.class));
 * }</pre>
 *
 * @param <R> the role that may call it
 * @param <I> the input type
 * @param <O> the output type
 */
public final class Query<R extends Shared, I, O> implements Procedure<R, I, O> {

  private final Shape<R, I, O> shape;

  Query(Shape<R, I, O> shape) {
    this.shape = shape;
  }

  /** A copy of this query that takes input of the given type, validated by its derived schema. */
  public <J> Query<R, J, O> input(Class<J> type) {
    return input(Schema.of(type));
  }

  /** A copy of this query whose input the given schema describes. */
  public <J> Query<R, J, O> input(Schema<J> schema) {
    return new Query<>(shape.withInput(schema));
  }

  /** A copy of this query that returns output of the given type, validated by its derived schema. */
  public <P> Query<R, I, P> output(Class<P> type) {
    return output(Schema.of(type));
  }

  /** A copy of this query whose output the given schema describes. */
  public <P> Query<R, I, P> output(Schema<P> schema) {
    return new Query<>(shape.withOutput(schema));
  }

  /** A copy of this query with a human-readable description. */
  public Query<R, I, O> description(String description) {
    return new Query<>(shape.withDescription(description));
  }

  @Override
  public String name() {
    return shape.name();
  }

  @Override
  public Kind kind() {
    return Kind.QUERY;
  }

  @Override
  public Class<R> role() {
    return shape.role();
  }

  @Override
  public Optional<String> description() {
    return Optional.ofNullable(shape.description());
  }

  @Override
  public Schema<I> input() {
    return shape.input();
  }

  @Override
  public Schema<O> output() {
    return shape.output();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Query<?, ?, ?> q && q.shape.equals(shape);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Kind.QUERY, shape);
  }

  @Override
  public String toString() {
    return "Query[" + shape.name() + "]";
  }
}
