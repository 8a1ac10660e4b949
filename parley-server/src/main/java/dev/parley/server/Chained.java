package dev.parley.server;

import dev.parley.Procedure;
import dev.parley.server.internal.Emission;
import dev.parley.server.internal.Target;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A procedure's code behind its base's middleware: each call runs the chain from the factory's
 * context, the first middleware outermost, to the code itself; a middleware must hand back a
 * result of this procedure.
 */
abstract class Chained implements Target {
  final Procedure<?, ?, ?> procedure;
  private final Middleware<Object, Object>[] chain;

  @SuppressWarnings("unchecked")
  Chained(Procedure<?, ?, ?> procedure, List<Middleware<?, ?>> chain) {
    this.procedure = Objects.requireNonNull(procedure, "procedure");
    this.chain = chain.toArray(Middleware[]::new);
  }

  @Override
  public final Result run(Object ctx, Call call, @Nullable Emission emission) throws Exception {
    return step(0, ctx, call, emission);
  }

  private Result step(int index, Object ctx, Call call, @Nullable Emission emission)
      throws Exception {
    Objects.requireNonNull(ctx, "a middleware passed on a null context");
    if (index < chain.length) {
      Middleware<Object, Object> m = chain[index];
      Result r = m.intercept(ctx, call, next -> step(index + 1, next, call, emission));
      if (r == null || r.procedure() != procedure) {
        throw new IllegalStateException("middleware " + m + " returned "
            + (r == null ? "null" : "the result of " + r.procedure()) + " for " + procedure);
      }
      return r;
    }
    return handle(ctx, call, emission);
  }

  /** Runs the procedure's own code with the context the chain ends with. */
  abstract Result handle(Object ctx, Call call, @Nullable Emission emission) throws Exception;
}
