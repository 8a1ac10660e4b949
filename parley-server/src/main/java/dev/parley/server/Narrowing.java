package dev.parley.server;

/**
 * Narrows the context of a procedure's calls to a more precise type before its handler runs, as
 * tRPC's middleware narrows {@code ctx.user} from "maybe a user" to "a user": given to {@link
 * ParleyServer#implement(dev.parley.Procedure, Narrowing, Handler)}, whose handler, guards and
 * resources then receive the narrowed context.
 *
 * <pre>{@code
 * Narrowing<AppCtx, SignedIn> signedIn = (ctx, call) -> ctx.user()
 *     .map(user -> new SignedIn(user, ctx))
 *     .orElseThrow(() -> new ParleyException(ErrorCode.UNAUTHORIZED, "Sign in first"));
 * server.implement(SAY, signedIn, (SignedIn ctx, Say in) -> chat.say(ctx.user(), in.text()));
 * }</pre>
 *
 * <p>It runs after the server's middleware. Throw a {@link dev.parley.ParleyException} to refuse the
 * call. It must be a pure function of its arguments, cheap and thread-safe: a mutation's resources
 * are computed with the context it returns, narrowed again.
 *
 * @param <C> the server's context type
 * @param <N> the narrowed context type
 */
@FunctionalInterface
public interface Narrowing<C, N> {

  /** The narrowed context of {@code call}, made from {@code ctx}; never {@code null}. */
  N narrow(C ctx, Call call) throws Exception;
}
