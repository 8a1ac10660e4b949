package dev.parley;

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
public final class Query<R extends Shared, I, O> extends Described<R, I, O>
    implements Unary<R, I, O> {

  Query(Shape<R, I, O> shape) {
    super(Kind.QUERY, "Query", shape);
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

  /**
   * A copy of this query for callers of {@code role} (and of roles extending it) only; a query is
   * {@link Role#SHARED shared} until given a role.
   */
  public <S extends Shared> Query<S, I, O> role(Role<S> role) {
    return new Query<>(shape.withRole(role));
  }

  /** A copy of this query with a human-readable description. */
  public Query<R, I, O> description(String description) {
    return new Query<>(shape.withDescription(description));
  }

  @Override
  public Schema<I> input() {
    return shape.input();
  }

  @Override
  public Schema<O> output() {
    return shape.output();
  }
}
