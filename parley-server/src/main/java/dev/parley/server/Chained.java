package dev.parley.server;

import dev.parley.Procedure;
import dev.parley.server.internal.Emission;
import dev.parley.server.internal.Target;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A procedure's code behind its base's middleware: each call runs the {@link MiddlewareChain}
 * from the factory's context, the first middleware outermost, to the code itself.
 */
abstract class Chained implements Target {
  final Procedure<?, ?, ?> procedure;
  private final MiddlewareChain chain;

  Chained(Procedure<?, ?, ?> procedure, List<Middleware<?, ?>> chain) {
    this.procedure = Objects.requireNonNull(procedure, "procedure");
    this.chain = new MiddlewareChain(chain);
  }

  @Override
  public final Result run(Object ctx, Call call, @Nullable Emission emission) throws Exception {
    return chain.through(ctx, call, c -> handle(c, call, emission));
  }

  /**
   * Runs the procedure's own code with the context the chain ends with; its result names {@code
   * call}'s descriptor.
   */
  abstract Result handle(Object ctx, Call call, @Nullable Emission emission) throws Exception;
}
