package dev.parley.server;

import dev.parley.ErrorCode;
import dev.parley.ParleyException;

/**
 * A middleware that refuses: a call it does not allow is answered {@code FORBIDDEN} and the rest
 * of the chain does not run; an allowed call goes on with the same context.
 *
 * <pre>{@code
 * Procedures<AppCtx> adminProcedures = server.procedures().guard((ctx, call) -> ctx.user().isAdmin());
 * }</pre>
 *
 * <p>Throwing a {@link ParleyException} instead answers with its own code. Implementations must be
 * thread-safe.
 *
 * @param <C> the context it checks
 */
@FunctionalInterface
public interface Guard<C> extends Middleware<C, C> {

  /** Whether the caller of {@code ctx} may make {@code call}. */
  boolean allows(C ctx, Call call) throws Exception;

  /** Runs {@link #allows}, then the rest of the chain with the same context. */
  @Override
  default Result intercept(C ctx, Call call, Next<C> next) throws Exception {
    if (!allows(ctx, call)) {
      throw new ParleyException(ErrorCode.FORBIDDEN, "Not allowed to call \"" + call.name() + "\"");
    }
    return next.proceed(ctx);
  }
}
