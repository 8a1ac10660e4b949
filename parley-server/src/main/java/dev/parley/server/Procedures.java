package dev.parley.server;

import dev.parley.Query;
import dev.parley.Subscription;
import dev.parley.Unary;
import dev.parley.server.internal.Pipeline;
import dev.parley.server.internal.StaticOutputs;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A reusable procedure base, as tRPC's {@code publicProcedure}: the middleware every call of the
 * procedures implemented through it goes through, and the context type their handlers receive.
 * {@link ParleyServer#procedures()} is the server's base (its server-wide middleware); {@link
 * #use} makes a new base with one more step, the base itself unchanged.
 *
 * <pre>{@code
 * Procedures<AppCtx> publicProcedures = server.procedures();
 * Procedures<SignedIn> protectedProcedures = publicProcedures.narrow(signedIn);  // a Narrowing
 * Procedures<SignedIn> moderatedProcedures = protectedProcedures.use(RateLimit.of(5, Duration.ofSeconds(10)));
 * moderatedProcedures.implement(ChatApi.SAY, (ctx, in) -> room.post(ctx.user(), in.text()));
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe; implement procedures before serving them.
 *
 * @param <C> the context type its handlers receive
 */
public final class Procedures<C> {
  private final Pipeline pipeline;
  private final List<Middleware<?, ?>> chain;

  Procedures(Pipeline pipeline, List<Middleware<?, ?>> chain) {
    this.pipeline = pipeline;
    this.chain = List.copyOf(chain);
  }

  /** A base whose calls also go through {@code middleware}, after this base's own. */
  public Procedures<C> use(Middleware<? super C, ? extends C> middleware) {
    return new Procedures<>(pipeline, with(middleware));
  }

  /**
   * A base whose calls must also pass {@code guard}, after this base's own middleware: a call it
   * does not allow is answered {@code FORBIDDEN}. The same as {@code use(guard)}, for guards
   * written inline: {@code .guard((ctx, call) -> ctx.user().isAdmin())}.
   */
  public Procedures<C> guard(Guard<? super C> guard) {
    return new Procedures<>(pipeline, with(guard));
  }

  /**
   * A base whose calls also go through {@code narrowing}, after this base's own middleware, and
   * whose handlers receive the narrowed context.
   */
  public <N> Procedures<N> narrow(Narrowing<? super C, ? extends N> narrowing) {
    return new Procedures<>(pipeline, with(narrowing));
  }

  /**
   * Implements {@code procedure} with {@code handler}, behind this base's middleware.
   *
   * @return the implementation, to which {@link Implementation#resources resources} may be added
   * @throws IllegalArgumentException if the procedure is not part of the server's contract
   * @throws IllegalStateException if it is already implemented
   */
  public <I, O> Implementation<C, I, O> implement(
      Unary<?, I, O> procedure, Handler<C, I, O> handler) {
    return implemented(procedure, handler);
  }

  /**
   * Implements {@code query} with {@code handler}, behind this base's middleware. A {@linkplain
   * Query#isStatic() static} query's handler runs once per input (its canonical JSON): its output
   * is kept, up to {@link ServerOptions#staticCacheEntries()} of them, and served to the calls
   * that follow, which still go through the middleware; a call that fails is not kept.
   *
   * @return the implementation, to which {@link QueryImplementation#resources resources} and what
   *     static dumps record of it may be added
   * @throws IllegalArgumentException if the query is not part of the server's contract
   * @throws IllegalStateException if it is already implemented
   */
  public <I, O> QueryImplementation<C, I, O> implement(
      Query<?, I, O> query, Handler<C, I, O> handler) {
    return implemented(query, handler);
  }

  private <I, O> Implemented<C, I, O> implemented(
      Unary<?, I, O> procedure, Handler<C, I, O> handler) {
    ServerOptions options = pipeline.options();
    StaticOutputs statics = procedure instanceof Query<?, ?, ?> q && q.isStatic()
        ? new StaticOutputs(options.staticCacheEntries()) : null;
    Implemented<C, I, O> implemented = new Implemented<>(procedure, chain,
        Objects.requireNonNull(handler, "handler"), options.validateOutput(), pipeline.codec(),
        statics);
    pipeline.install(procedure, implemented);
    return implemented;
  }

  /**
   * Implements {@code subscription} with {@code handler}, behind this base's middleware: the
   * middleware runs once as each subscription starts and sees it end.
   *
   * @throws IllegalArgumentException if the subscription is not part of the server's contract
   * @throws IllegalStateException if it is already implemented
   */
  public <I, O> void implement(
      Subscription<?, I, O> subscription, SubscriptionHandler<C, I, O> handler) {
    pipeline.install(subscription, new Streamed<>(subscription, chain, handler));
  }

  private List<Middleware<?, ?>> with(Middleware<?, ?> middleware) {
    List<Middleware<?, ?>> more = new ArrayList<>(chain);
    more.add(Objects.requireNonNull(middleware, "middleware"));
    return more;
  }

  @Override
  public String toString() {
    return "Procedures" + chain;
  }
}
