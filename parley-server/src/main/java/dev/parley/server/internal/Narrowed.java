package dev.parley.server.internal;

import dev.parley.server.Call;
import dev.parley.server.Narrowing;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** An implementation for a narrowed context: narrows, then runs the one for that context. */
final class Narrowed<C, N, I, O> implements Target<C, I, O> {
  private final Narrowing<? super C, ? extends N> narrowing;
  private final Implemented<N, I, O> inner;

  Narrowed(Narrowing<? super C, ? extends N> narrowing, Implemented<N, I, O> inner) {
    this.narrowing = Objects.requireNonNull(narrowing, "narrowing");
    this.inner = inner;
  }

  @Override
  public @Nullable O run(C ctx, @Nullable I input, Call call) throws Exception {
    return inner.run(narrow(ctx, call), input, call);
  }

  @Override
  public Set<String> resources(C ctx, @Nullable I input, @Nullable O output, Call call)
      throws Exception {
    return inner.declaresResources()
        ? inner.resources(narrow(ctx, call), input, output, call) : Set.of();
  }

  private N narrow(C ctx, Call call) throws Exception {
    return Objects.requireNonNull(narrowing.narrow(ctx, call), "narrowing returned null");
  }
}
