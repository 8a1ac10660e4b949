package dev.parley.server;

import org.jspecify.annotations.Nullable;

/**
 * Wraps every call of a server, in the order given to {@link ParleyServer.Builder#use}: the first
 * middleware added is the outermost. A middleware may reject the call by throwing a {@link
 * dev.parley.ParleyException}, measure or log it around {@link Next#proceed}, or pass a different
 * context value on to the rest of the chain:
 *
 * <pre>{@code
 * Middleware<AppCtx> auth = (ctx, call, next) -> {
 *   if (ctx.user() == null) throw new ParleyException(ErrorCode.UNAUTHORIZED, "sign in first");
 *   return next.proceed(ctx.withRequestId(UUID.randomUUID()));
 * };
 * }</pre>
 *
 * <p>Middleware runs for HTTP and in-process calls alike, after the input is decoded and validated
 * and before the output is validated. Implementations must be thread-safe.
 *
 * @param <C> the context type
 */
@FunctionalInterface
public interface Middleware<C> {

  /**
   * Handles one call, normally by calling {@code next.proceed(ctx)} once and returning its result.
   *
   * @param ctx the context so far
   * @param call what is being called, with which input
   * @param next the rest of the chain, ending with the handler
   * @return the call's output, usually what {@code next.proceed} returned
   * @throws Exception to fail the call, as a handler would
   */
  @Nullable Object intercept(C ctx, Call call, Next<C> next) throws Exception;

  /**
   * The rest of a middleware chain.
   *
   * @param <C> the context type
   */
  @FunctionalInterface
  interface Next<C> {

    /**
     * Runs the rest of the chain with {@code ctx} and returns the handler's output.
     *
     * @throws Exception whatever the rest of the chain threw
     */
    @Nullable Object proceed(C ctx) throws Exception;
  }
}
