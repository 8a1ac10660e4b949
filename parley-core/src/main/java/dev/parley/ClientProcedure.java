package dev.parley;

/**
 * A procedure that the client registers and the server calls: the server sends the input, the client answers with the output.
 *
 * <p>Part of the contract model today, so that contracts, roles and tooling treat it as every other
 * kind; it is served with the realtime transport. Built with {@link Parley#clientProcedure(String)} and refined by
 * copies, each method returning a new immutable descriptor:
 *
 * <pre>{@code
 * ClientProcedure<User, Question, Answer> CONFIRM = Parley.clientProcedure("confirm").role(USER).input(Question.class).output(Answer.class);
 * }</pre>
 *
 * @param <R> the role that may use it
 * @param <I> the input type
 * @param <O> the output type
 */
public final class ClientProcedure<R extends Shared, I, O> extends Described<R, I, O> implements Descriptor<R> {

  ClientProcedure(Shape<R, I, O> shape) {
    super(Kind.CLIENT_PROCEDURE, "ClientProcedure", shape);
  }

  /** A copy that takes input of the given type, validated by its derived schema. */
  public <J> ClientProcedure<R, J, O> input(Class<J> type) {
    return input(Schema.of(type));
  }

  /** A copy whose input the given schema describes. */
  public <J> ClientProcedure<R, J, O> input(Schema<J> schema) {
    return new ClientProcedure<>(shape.withInput(schema));
  }

  /** A copy that returns output of the given type, validated by its derived schema. */
  public <P> ClientProcedure<R, I, P> output(Class<P> type) {
    return output(Schema.of(type));
  }

  /** A copy whose output the given schema describes. */
  public <P> ClientProcedure<R, I, P> output(Schema<P> schema) {
    return new ClientProcedure<>(shape.withOutput(schema));
  }

  /** A copy for callers of {@code role} (and of roles extending it) only. */
  public <S extends Shared> ClientProcedure<S, I, O> role(Role<S> role) {
    return new ClientProcedure<>(shape.withRole(role));
  }

  /** A copy with a human-readable description. */
  public ClientProcedure<R, I, O> description(String description) {
    return new ClientProcedure<>(shape.withDescription(description));
  }

  /** The schema of the input; {@link Schema#none()} when it takes none. */
  public Schema<I> input() {
    return shape.input();
  }

  /** The schema of the output. */
  public Schema<O> output() {
    return shape.output();
  }
}
