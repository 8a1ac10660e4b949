package dev.parley.server;

import org.jspecify.annotations.Nullable;

/**
 * A per-procedure authorization check, added with {@link Implementation#guard}: it sees the context
 * the handler would get and the validated input, and a call it does not allow is answered {@code
 * FORBIDDEN} without running the handler.
 *
 * <pre>{@code
 * server.implement(DELETE_TODO, (ctx, in) -> store.remove(in.id()))
 *     .guard((ctx, in) -> store.owner(in.id()).equals(ctx.user()));
 * }</pre>
 *
 * <p>Guards run after the middleware, just before the handler, in the order they were added.
 * Throwing a {@link dev.parley.ParleyException} answers with its own code instead. Implementations
 * must be thread-safe.
 *
 * @param <C> the context type
 * @param <I> the input type
 */
@FunctionalInterface
public interface Guard<C, I> {

  /** Whether the caller of {@code ctx} may make this call with {@code input}. */
  boolean allows(C ctx, @Nullable I input) throws Exception;
}
