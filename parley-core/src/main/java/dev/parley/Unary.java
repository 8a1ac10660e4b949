package dev.parley;

/**
 * A procedure answered once: one input in, one output out. A {@link Query} reads, a {@link
 * Mutation} writes; {@link Subscription}, the other kind of procedure, answers with a stream.
 *
 * @param <R> the role that may call it
 * @param <I> the input type; {@link Void} when the procedure takes none
 * @param <O> the output type; {@link Void} when it returns none
 */
public sealed interface Unary<R extends Shared, I, O> extends Procedure<R, I, O>
    permits Query, Mutation {}
