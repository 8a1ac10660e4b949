package dev.parley.server;

import dev.parley.ErrorCode;
import dev.parley.Issue;
import dev.parley.ParleyException;
import dev.parley.Procedure;
import dev.parley.server.internal.Failures;
import dev.parley.server.internal.Emission;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A query's or a mutation's handler behind its base's middleware, with its resources: the chain a
 * call runs from the factory's context to its {@link Result}. The handler's output is validated
 * before any middleware sees it.
 */
final class Implemented<C, I, O> extends Chained implements Implementation<C, I, O> {
  private final Procedure<?, I, O> typed;
  private final Handler<C, I, O> handler;
  private final boolean validateOutput;
  private volatile @Nullable Resources<? super C, ? super I, ? super O> resources;

  Implemented(Procedure<?, I, O> procedure, List<Middleware<?, ?>> chain,
      Handler<C, I, O> handler, boolean validateOutput) {
    super(procedure, chain);
    this.typed = procedure;
    this.handler = handler;
    this.validateOutput = validateOutput;
  }

  @Override
  @SuppressWarnings("unchecked")
  Result handle(Object context, Call call, @Nullable Emission emission) throws Exception {
    C ctx = (C) context;
    I input = (I) call.input();
    O output = handler.handle(ctx, input);
    if (validateOutput) {
      List<Issue> issues = typed.output().validate(output);
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
