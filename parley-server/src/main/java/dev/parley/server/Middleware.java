package dev.parley.server;

/**
 * The one way to wrap calls: a step of the chain between the context factory and the handler,
 * attached to the whole server ({@link ParleyServer.Builder#use}) or to a reusable {@link
 * Procedures procedure base} ({@code protectedProcedures = server.procedures().narrow(signedIn)}). The
 * first middleware added is the outermost.
 *
 * <p>A middleware receives the context {@code C} so far and passes a context {@code N} on: the
 * same value (logging, timing, a {@link Guard} that refuses, a {@link RateLimit}), a changed value
 * of the same type, or a value of a narrower type (a {@link Narrowing}, which turns "maybe a user"
 * into "a user" once per call). It returns the {@link Result} that {@link Next#proceed} gave it; it
 * cannot make one up, so the output a caller gets always comes from the handler and was validated.
 *
 * <pre>{@code
 * Middleware<AppCtx, AppCtx> timing = (ctx, call, next) -> {
 *   long start = System.nanoTime();
 *   try {
 *     return next.proceed(ctx);
 *   } finally {
 *     metrics.record(call.name(), System.nanoTime() - start);
 *   }
 * };
 * }</pre>
 *
 * <p>Middleware runs for every transport and for in-process calls alike, after the input is
 * decoded and validated. The server-wide chain also wraps what clients start over a WebSocket: a
 * channel's connect and each of its messages, a topic's subscribe, a client event ({@link Call}
 * says which; their {@link Result} carries what the handler returned). A call refused before that (unknown procedure, another role's, invalid
 * input, failed authentication) never reaches it; a {@link CallListener} sees those too.
 * Implementations must be thread-safe.
 *
 * @param <C> the context it receives
 * @param <N> the context it passes on
 */
@FunctionalInterface
public interface Middleware<C, N> {

  /**
   * Handles one call, normally by calling {@code next.proceed(ctx)} once and returning its result.
   *
   * @param ctx the context so far
   * @param call what is being called, with which input, by whom
   * @param next the rest of the chain, ending with the handler
   * @return the result {@code next} returned (a middleware may call it more than once, e.g. to
   *     retry, and return any of the results)
   * @throws Exception to fail the call, as a handler would: a {@link dev.parley.ParleyException}
   *     is answered with its code, anything else as {@code INTERNAL_SERVER_ERROR}
   */
  Result intercept(C ctx, Call call, Next<N> next) throws Exception;

  /**
   * The rest of a chain.
   *
   * @param <N> the context it takes
   */
  @FunctionalInterface
  interface Next<N> {

    /**
     * Runs the rest of the chain with {@code ctx}, which must not be {@code null}.
     *
     * @throws Exception whatever the rest of the chain threw
     */
    Result proceed(N ctx) throws Exception;
  }
}
