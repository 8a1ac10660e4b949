package dev.parley;

/**
 * A request/response descriptor: one input of type {@code I} in, one output of type {@code O} out.
 *
 * <p>Both sides are described by a {@link Schema}, which validates the input before a handler sees
 * it and, unless the server is told otherwise, the output before it leaves the server.
 *
 * @param <R> the role that may call it
 * @param <I> the input type; {@link Void} when the procedure takes none
 * @param <O> the output type; {@link Void} when it returns none
 */
public sealed interface Procedure<R extends Shared, I, O> extends Descriptor<R>
    permits Query, Mutation {

  /** The schema of the input; {@link Schema#none()} when the procedure takes none. */
  Schema<I> input();

  /** The schema of the output; {@link Schema#none()} when the procedure returns none. */
  Schema<O> output();
}
