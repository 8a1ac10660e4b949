package dev.parley.server.internal;

import dev.parley.server.Call;
import dev.parley.server.Middleware;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One call's walk through the middleware, ending with the guards and the handler. Each step is its own {@link
 * Middleware.Next}, so a middleware that proceeds twice (a retry) runs the rest of the chain again.
 */
final class Chain<C, I, O> {
  private final Middleware<C>[] middleware;
  private final Target<C, I, O> target;
  private final Call call;
  private final @Nullable I input;
  private @Nullable C handlerContext;

  Chain(Middleware<C>[] middleware, Target<C, I, O> target, Call call, @Nullable I input) {
    this.middleware = middleware;
    this.target = target;
    this.call = call;
    this.input = input;
  }

  @Nullable Object run(C ctx) throws Exception {
    return step(0, ctx);
  }

  private @Nullable Object step(int index, C ctx) throws Exception {
    Objects.requireNonNull(ctx, "ctx");
    if (index < middleware.length) {
      return middleware[index].intercept(ctx, call, next -> step(index + 1, next));
    }
    handlerContext = ctx;
    return target.run(ctx, input, call);
  }

  /** The context the handler ran with, or {@code fallback} if a middleware answered without it. */
  C handlerContext(C fallback) {
    C c = handlerContext;
    return c != null ? c : fallback;
  }
}
