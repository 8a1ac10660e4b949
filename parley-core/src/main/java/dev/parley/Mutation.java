package dev.parley;

/**
 * A procedure that changes server state: it is sent once and never retried or de-duplicated by
 * Parley. On the HTTP wire it is a {@code POST}; a {@code GET} of it is refused. Its result carries
 * the resources it changed, as declared where it is implemented.
 *
 * <p>Built with {@link Parley#mutation(String)} and refined by copies, each method returning a new
 * immutable descriptor:
 *
 * <pre>{@code
 * public static final Mutation<Shared, NewTodo, Todo> ADD =
 *     Parley.mutation("todos.add").input(NewTodo.class).output(Todo.class);
 * }</pre>
 *
 * @param <R> the role that may call it
 * @param <I> the input type
 * @param <O> the output type
 */
public final class Mutation<R extends Shared, I, O> extends Described<R, I, O>
    implements Unary<R, I, O> {

  Mutation(Shape<R, I, O> shape) {
    super(Kind.MUTATION, "Mutation", shape);
  }

  /** A copy of this mutation that takes input of the given type, validated by its derived schema. */
  public <J> Mutation<R, J, O> input(Class<J> type) {
    return input(Schema.of(type));
  }

  /** A copy of this mutation whose input the given schema describes. */
  public <J> Mutation<R, J, O> input(Schema<J> schema) {
    return new Mutation<>(shape.withInput(schema));
  }

  /** A copy of this mutation that returns output of the given type, validated by its derived schema. */
  public <P> Mutation<R, I, P> output(Class<P> type) {
    return output(Schema.of(type));
  }

  /** A copy of this mutation whose output the given schema describes. */
  public <P> Mutation<R, I, P> output(Schema<P> schema) {
    return new Mutation<>(shape.withOutput(schema));
  }

  /**
   * A copy of this mutation for callers of {@code role} (and of roles extending it) only; a mutation is
   * {@link Role#SHARED shared} until given a role.
   */
  public <S extends Shared> Mutation<S, I, O> role(Role<S> role) {
    return new Mutation<>(shape.withRole(role));
  }

  /** A copy of this mutation with a human-readable description. */
  public Mutation<R, I, O> description(String description) {
    return new Mutation<>(shape.withDescription(description));
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
