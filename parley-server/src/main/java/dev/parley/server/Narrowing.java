package dev.parley.server;

import java.util.Objects;

/**
 * A middleware that changes the context's type, as tRPC's auth middleware turns {@code ctx.user}
 * from "maybe a user" into "a user": the handlers of the procedure base it is attached to receive
 * the narrowed context, and it runs once per call.
 *
 * <pre>{@code
 * Narrowing<AppCtx, SignedIn> signedIn = (ctx, call) -> ctx.user()
 *     .map(user -> new SignedIn(user, ctx))
 *     .orElseThrow(() -> new ParleyException(ErrorCode.UNAUTHORIZED, "Sign in first"));
 * Procedures<SignedIn> protectedProcedures = server.procedures().narrow(signedIn);
 * protectedProcedures.implement(SAY, (ctx, in) -> chat.say(ctx.user(), in.text()));
 * }</pre>
 *
 * <p>Throw a {@link dev.parley.ParleyException} to refuse the call. Implementations must be
 * thread-safe.
 *
 * @param <C> the context it receives
 * @param <N> the narrowed context
 */
@FunctionalInterface
public interface Narrowing<C, N> extends Middleware<C, N> {

  /** The narrowed context of {@code call}, made from {@code ctx}; never {@code null}. */
  N narrow(C ctx, Call call) throws Exception;

  /** Runs the rest of the chain with the narrowed context. */
  @Override
  default Result intercept(C ctx, Call call, Next<N> next) throws Exception {
    return next.proceed(Objects.requireNonNull(narrow(ctx, call), "the narrowing returned null"));
  }
}
