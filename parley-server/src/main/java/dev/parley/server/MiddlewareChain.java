package dev.parley.server;

import dev.parley.server.internal.Realtime;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An ordered chain of middleware, the first outermost, run from the factory's context to an end:
 * a procedure's code ({@link Chained}), or, as the server-wide chain, a realtime handler. A
 * middleware must hand back a result of the call it wraps, one that {@code next} returned.
 */
final class MiddlewareChain implements Realtime.Chain {
  private final Middleware<Object, Object>[] steps;

  /** What the chain ends with. */
  @FunctionalInterface
  interface End {
    /** Runs with the context the chain ends with. */
    Result handle(Object ctx) throws Exception;
  }

  @SuppressWarnings("unchecked")
  MiddlewareChain(List<Middleware<?, ?>> steps) {
    this.steps = steps.toArray(Middleware[]::new);
  }

  /** Runs {@code call} through the chain from {@code ctx} to {@code end}. */
  Result through(Object ctx, Call call, End end) throws Exception {
    return step(0, ctx, call, end);
  }

  @Override
  public @Nullable Object run(Object ctx, Call call, Realtime.Handler handler) throws Exception {
    return through(ctx, call, c -> new Result(call.descriptor(), handler.handle(c), Set.of()))
        .output();
  }

  private Result step(int index, Object ctx, Call call, End end) throws Exception {
    Objects.requireNonNull(ctx, "a middleware passed on a null context");
    if (index == steps.length) {
      return end.handle(ctx);
    }
    Middleware<Object, Object> m = steps[index];
    Result r = m.intercept(ctx, call, next -> step(index + 1, next, call, end));
    if (r == null || r.descriptor() != call.descriptor()) {
      throw new IllegalStateException("middleware " + m + " returned "
          + (r == null ? "null" : "the result of " + r.descriptor()) + " for " + call);
    }
    return r;
  }

  @Override
  public String toString() {
    return List.of(steps).toString();
  }
}
