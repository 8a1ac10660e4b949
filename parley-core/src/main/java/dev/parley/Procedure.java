package dev.parley;

/**
 * A descriptor a client calls by name with one input of type {@code I}: a {@link Unary} call (a
 * {@link Query} or a {@link Mutation}) answers with one output of type {@code O}, a {@link
 * Subscription} with a stream of them. Every procedure goes through the server's one pipeline:
 * routed within the caller's role, its input validated, its middleware run.
 *
 * <p>Both sides are described by a {@link Schema}, which validates the input before a handler sees
 * it and, unless the server is told otherwise, each output before it leaves the server.
 *
 * @param <R> the role that may call it
 * @param <I> the input type; {@link Void} when the procedure takes none
 * @param <O> the output type; {@link Void} when it returns none
 */
public sealed interface Procedure<R extends Shared, I, O> extends Descriptor<R>
    permits Unary, Subscription {

  /** The schema of the input; {@link Schema#none()} when the procedure takes none. */
  Schema<I> input();

  /** The schema of the output; {@link Schema#none()} when the procedure returns none. */
  Schema<O> output();
}
