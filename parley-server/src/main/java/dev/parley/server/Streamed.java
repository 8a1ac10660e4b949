package dev.parley.server;

import dev.parley.Subscription;
import dev.parley.server.internal.Emission;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A subscription's handler behind its base's middleware: the middleware runs once when the
 * subscription starts and returns when its handler does; the handler sends its values to the
 * call's sink. Its result carries no output and no resources.
 */
final class Streamed<C, I, O> extends Chained {
  private final SubscriptionHandler<C, I, O> handler;

  Streamed(Subscription<?, I, O> subscription, List<Middleware<?, ?>> chain,
      SubscriptionHandler<C, I, O> handler) {
    super(subscription, chain);
    this.handler = Objects.requireNonNull(handler, "handler");
  }

  @Override
  @SuppressWarnings("unchecked")
  Result handle(Object ctx, Call call, @Nullable Emission emission) throws Exception {
    Emission sink = Objects.requireNonNull(emission, "a subscription runs with a sink");
    sink.start();
    handler.handle((C) ctx, (I) call.input(), (Sink<O>) (Sink<?>) sink);
    return new Result(call.descriptor(), null, Set.of());
  }

  @Override
  public String toString() {
    return "Implementation[" + procedure.name() + "]";
  }
}
