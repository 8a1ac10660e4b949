package dev.parley.server;

import dev.parley.ErrorCode;
import dev.parley.Issue;
import dev.parley.ParleyException;
import dev.parley.Procedure;
import dev.parley.server.internal.Failures;
import dev.parley.server.internal.Target;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A procedure's handler behind its base's middleware, with its resources: the chain a call runs
 * from the factory's context to its {@link Result}. The handler's output is validated before any
 * middleware sees it; a middleware must hand back a result of this procedure.
 */
final class Implemented<C, I, O> implements Target, Implementation<C, I, O> {
  private final Procedure<?, I, O> procedure;
  private final Middleware<Object, Object>[] chain;
  private final Handler<C, I, O> handler;
  private final boolean validateOutput;
  private volatile @Nullable Resources<? super C, ? super I, ? super O> resources;

  @SuppressWarnings("unchecked")
  Implemented(Procedure<?, I, O> procedure, List<Middleware<?, ?>> chain,
      Handler<C, I, O> handler, boolean validateOutput) {
    this.procedure = Objects.requireNonNull(procedure, "procedure");
    this.chain = chain.toArray(Middleware[]::new);
    this.handler = handler;
    this.validateOutput = validateOutput;
  }

  @Override
  public Result run(Object ctx, Call call) throws Exception {
    return step(0, ctx, call);
  }

  private Result step(int index, Object ctx, Call call) throws Exception {
    Objects.requireNonNull(ctx, "a middleware passed on a null context");
    if (index < chain.length) {
      Middleware<Object, Object> m = chain[index];
      Result r = m.intercept(ctx, call, next -> step(index + 1, next, call));
      if (r == null || r.procedure() != procedure) {
        throw new IllegalStateException("middleware " + m + " returned "
            + (r == null ? "null" : "the result of " + r.procedure()) + " for " + procedure);
      }
      return r;
    }
    return handle(ctx, call);
  }

  @SuppressWarnings("unchecked")
  private Result handle(Object context, Call call) throws Exception {
    C ctx = (C) context;
    I input = (I) call.input();
    O output = handler.handle(ctx, input);
    if (validateOutput) {
      List<Issue> issues = procedure.output().validate(output);
      if (!issues.isEmpty()) {
        Failures.LOG.error("{}: the handler's output fails its schema: {}", procedure.name(),
            issues);
        throw new ParleyException(ErrorCode.INTERNAL_SERVER_ERROR, "Internal server error");
      }
    }
    Resources<? super C, ? super I, ? super O> declared = resources;
    Set<String> touched = declared == null ? Set.of() : declared.resources(ctx, input, output);
    return new Result(procedure, output, touched);
  }

  @Override
  public synchronized Implementation<C, I, O> resources(
      Resources<? super C, ? super I, ? super O> declared) {
    Objects.requireNonNull(declared, "resources");
    if (resources != null) {
      throw new IllegalStateException(procedure.name() + ": resources are already declared");
    }
    resources = declared;
    return this;
  }

  @Override
  public String toString() {
    return "Implementation[" + procedure.name() + "]";
  }
}
