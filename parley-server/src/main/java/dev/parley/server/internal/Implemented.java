package dev.parley.server.internal;

import dev.parley.ErrorCode;
import dev.parley.ParleyException;
import dev.parley.server.Call;
import dev.parley.server.Guard;
import dev.parley.server.Handler;
import dev.parley.server.Implementation;
import dev.parley.server.Resources;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/** A handler with its guards and resources, for context type {@code C}. */
final class Implemented<C, I, O> implements Target<C, I, O>, Implementation<C, I, O> {
  private final String name;
  private final Handler<C, I, O> handler;
  private final List<Guard<? super C, ? super I>> guards = new CopyOnWriteArrayList<>();
  private volatile @Nullable Resources<C, I, O> resources;

  Implemented(String name, Handler<C, I, O> handler) {
    this.name = name;
    this.handler = Objects.requireNonNull(handler, "handler");
  }

  @Override
  public @Nullable O run(C ctx, @Nullable I input, Call call) throws Exception {
    for (Guard<? super C, ? super I> g : guards) {
      if (!g.allows(ctx, input)) {
        throw new ParleyException(ErrorCode.FORBIDDEN, "Not allowed to call \"" + name + "\"");
      }
    }
    return handler.handle(ctx, input);
  }

  @Override
  public Set<String> resources(C ctx, @Nullable I input, @Nullable O output, Call call) {
    Resources<C, I, O> declared = resources;
    return declared == null ? Set.of() : Set.copyOf(declared.resources(ctx, input, output));
  }

  boolean declaresResources() {
    return resources != null;
  }

  @Override
  public synchronized Implementation<C, I, O> resources(Resources<C, I, O> declared) {
    Objects.requireNonNull(declared, "resources");
    if (resources != null) {
      throw new IllegalStateException(name + ": resources are already declared");
    }
    resources = declared;
    return this;
  }

  @Override
  public Implementation<C, I, O> guard(Guard<? super C, ? super I> guard) {
    guards.add(Objects.requireNonNull(guard, "guard"));
    return this;
  }

  @Override
  public String toString() {
    return "Implementation[" + name + "]";
  }
}
