package dev.parley.server;

import dev.parley.ErrorCode;
import dev.parley.Issue;
import dev.parley.ParleyException;
import dev.parley.Procedure;
import dev.parley.internal.json.JsonCodec;
import dev.parley.internal.wire.CanonicalJson;
import dev.parley.server.internal.Failures;
import dev.parley.server.internal.Emission;
import dev.parley.server.internal.StaticOutputs;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A query's or a mutation's handler behind its base's middleware, with its resources: the chain a
 * call runs from the factory's context to its {@link Result}. The handler's output is validated
 * before any middleware sees it. A static query's handler runs once per canonical input: its
 * output is kept in {@link StaticOutputs}, behind the middleware, which every call still runs. A
 * query also holds what a static dump records of it.
 */
final class Implemented<C, I, O> extends Chained implements QueryImplementation<C, I, O> {
  private final Procedure<?, I, O> typed;
  private final Handler<C, I, O> handler;
  private final boolean validateOutput;
  private final JsonCodec codec;
  private final @Nullable StaticOutputs statics;
  private volatile @Nullable Resources<? super C, ? super I, ? super O> resources;
  private final List<@Nullable I> dumpInputs = new ArrayList<>();
  private boolean hasFallback;
  private @Nullable O fallback;

  Implemented(Procedure<?, I, O> procedure, List<Middleware<?, ?>> chain,
      Handler<C, I, O> handler, boolean validateOutput, JsonCodec codec,
      @Nullable StaticOutputs statics) {
    super(procedure, chain);
    this.typed = procedure;
    this.handler = handler;
    this.validateOutput = validateOutput;
    this.codec = codec;
    this.statics = statics;
  }

  @Override
  @SuppressWarnings("unchecked")
  Result handle(Object context, Call call, @Nullable Emission emission) throws Exception {
    C ctx = (C) context;
    I input = (I) call.input();
    O output;
    if (statics == null) {
      output = checked(handler.handle(ctx, input));
    } else {
      String key = CanonicalJson.of(codec, typed.input().type(), input);
      output = (O) statics.get(key, () -> checked(handler.handle(ctx, input)));
    }
    Resources<? super C, ? super I, ? super O> declared = resources;
    Set<String> touched = declared == null ? Set.of() : declared.resources(ctx, input, output);
    return new Result(call.descriptor(), output, touched);
  }

  private @Nullable O checked(@Nullable O output) {
    if (validateOutput) {
      List<Issue> issues = typed.output().validate(output);
      if (!issues.isEmpty()) {
        Failures.LOG.error("{}: the handler's output fails its schema: {}", procedure.name(),
            issues);
        throw new ParleyException(ErrorCode.INTERNAL_SERVER_ERROR, "Internal server error");
      }
    }
    return output;
  }

  @Override
  public synchronized QueryImplementation<C, I, O> resources(
      Resources<? super C, ? super I, ? super O> declared) {
    Objects.requireNonNull(declared, "resources");
    if (resources != null) {
      throw new IllegalStateException(procedure.name() + ": resources are already declared");
    }
    resources = declared;
    return this;
  }

  @Override
  public synchronized QueryImplementation<C, I, O> dump(List<? extends I> inputs) {
    dumpInputs.addAll(Objects.requireNonNull(inputs, "inputs"));
    return this;
  }

  @Override
  public synchronized QueryImplementation<C, I, O> dump() {
    dumpInputs.add(null);
    return this;
  }

  @Override
  public synchronized QueryImplementation<C, I, O> fallback(@Nullable O output) {
    if (hasFallback) {
      throw new IllegalStateException(procedure.name() + ": a fallback is already given");
    }
    hasFallback = true;
    fallback = output;
    return this;
  }

  /** The inputs a static dump records, in order; {@code null} for no input. */
  synchronized List<@Nullable I> dumpInputs() {
    return Collections.unmodifiableList(new ArrayList<>(dumpInputs));
  }

  /** Whether a fallback was given. */
  synchronized boolean hasFallback() {
    return hasFallback;
  }

  /** The fallback, when {@link #hasFallback()}. */
  synchronized @Nullable O fallback() {
    return fallback;
  }

  /** The procedure's descriptor. */
  Procedure<?, I, O> procedure() {
    return typed;
  }

  @Override
  public String toString() {
    return "Implementation[" + procedure.name() + "]";
  }
}
