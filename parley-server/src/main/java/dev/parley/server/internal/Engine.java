package dev.parley.server.internal;

import dev.parley.Contract;
import dev.parley.Descriptor;
import dev.parley.ErrorCode;
import dev.parley.Issue;
import dev.parley.ParleyException;
import dev.parley.Procedure;
import dev.parley.Role;
import dev.parley.server.Call;
import dev.parley.server.Handler;
import dev.parley.server.Identity;
import dev.parley.server.Implementation;
import dev.parley.server.Middleware;
import dev.parley.server.ParleyRequest;
import dev.parley.server.Narrowing;
import dev.parley.server.ServerOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one call pipeline every transport and in-process call goes through: route by name, role
 * check, input validation, middleware, handler, output validation, resources. Decoding from JSON
 * and encoding to it are the HTTP wire's part, around this.
 */
public final class Engine<C> {
  static final Logger LOG = LoggerFactory.getLogger("dev.parley.server");
  private static final String INTERNAL_MESSAGE = "Internal server error";

  private final Contract contract;
  private final Map<String, Route<C, ?, ?>> routes;
  private final Middleware<C>[] middleware;
  private final ServerOptions options;
  private final long timeoutNanos;
  private final Gate gate = new Gate();
  private final Watchdog watchdog;

  /** An engine routing {@code contract}'s procedures, with the middleware in order (outermost first). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Engine(Contract contract, List<Middleware<? super C>> middleware, ServerOptions options) {
    this.contract = Objects.requireNonNull(contract, "contract");
    this.options = Objects.requireNonNull(options, "options");
    this.middleware = middleware.toArray(new Middleware[0]);
    Map<String, Route<C, ?, ?>> byName = new HashMap<>();
    for (Descriptor<?> d : contract.descriptors()) {
      if (d instanceof Procedure<?, ?, ?> p) {
        byName.put(p.name(), new Route<>(p));
      }
    }
    this.routes = byName;
    this.timeoutNanos = options.requestTimeout().toNanos();
    this.watchdog = new Watchdog(timeoutNanos);
  }

  /** The server's options. */
  public ServerOptions options() {
    return options;
  }

  /** The server's contract. */
  public Contract contract() {
    return contract;
  }

  Gate gate() {
    return gate;
  }

  Watchdog watchdog() {
    return watchdog;
  }

  /**
   * The route of {@code name} if it exists and a caller of {@code role} may call it, else null:
   * a procedure of another role is as absent as one that does not exist.
   */
  public @Nullable Route<C, ?, ?> route(String name, Role<?> role) {
    Route<C, ?, ?> r = routes.get(name);
    return r != null && r.admits(role) ? r : null;
  }

  /** Implements {@code procedure}; see {@code ParleyServer.implement} for the rules. */
  public <I, O> Implementation<C, I, O> implement(
      Procedure<?, I, O> procedure, Handler<C, I, O> handler) {
    Objects.requireNonNull(handler, "handler");
    return routeOf(procedure).implement(handler);
  }

  /** Implements {@code procedure} for a narrowed context; see {@code ParleyServer.implement}. */
  public <N, I, O> Implementation<N, I, O> implement(Procedure<?, I, O> procedure,
      Narrowing<? super C, ? extends N> narrowing, Handler<N, I, O> handler) {
    Objects.requireNonNull(narrowing, "narrowing");
    Objects.requireNonNull(handler, "handler");
    return routeOf(procedure).implement(narrowing, handler);
  }

  @SuppressWarnings("unchecked")
  private <I, O> Route<C, I, O> routeOf(Procedure<?, I, O> procedure) {
    Objects.requireNonNull(procedure, "procedure");
    Route<C, ?, ?> r = routes.get(procedure.name());
    if (r == null || !r.procedure().equals(procedure)) {
      throw new IllegalArgumentException(procedure + " is not part of " + contract);
    }
    return (Route<C, I, O>) r;
  }

  /** Throws IllegalStateException naming every procedure without a handler. */
  public void assertAllImplemented() {
    List<String> missing = new ArrayList<>();
    for (Descriptor<?> d : contract.descriptors()) {
      Route<C, ?, ?> r = routes.get(d.name());
      if (r != null && !r.isImplemented()) {
        missing.add(d.toString());
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException("not implemented: " + String.join(", ", missing));
    }
  }

  /**
   * An in-process call: validates the input, then runs the pipeline on this thread.
   *
   * @param caller who calls: a procedure outside its role's surface is NOT_FOUND; {@code null}
   *     for the server's own code, which may call every procedure
   */
  @SuppressWarnings("unchecked")
  public <I, O> @Nullable O call(Procedure<?, I, O> procedure, @Nullable Identity<?> caller, C ctx,
      @Nullable I input, Duration timeout) {
    return (O) outcome(procedure, caller, ctx, input, timeout).output();
  }

  /** As {@link #call}, with the resources the call declared. */
  public <I, O> Outcome outcome(Procedure<?, I, O> procedure, @Nullable Identity<?> caller, C ctx,
      @Nullable I input, Duration timeout) {
    Objects.requireNonNull(procedure, "procedure");
    Objects.requireNonNull(ctx, "ctx");
    Objects.requireNonNull(timeout, "timeout");
    gate.enter();
    try {
      Route<C, ?, ?> r = caller == null ? routes.get(procedure.name())
          : route(procedure.name(), caller.role());
      if (r == null || (r.procedure() != procedure && !r.procedure().equals(procedure))) {
        throw notFound(procedure.name());
      }
      Route<C, I, O> route = (Route<C, I, O>) r;
      List<Issue> issues = procedure.input().validate(input);
      if (!issues.isEmpty()) {
        throw ParleyException.invalid("input", issues);
      }
      long nanos = timeout.isZero() || timeout.isNegative() ? timeoutNanos : timeout.toNanos();
      Identity<?> identity = caller == null ? Identity.anonymous() : caller;
      return timed(route, identity, ctx, input, nanos);
    } finally {
      gate.leave();
    }
  }

  private <I, O> Outcome timed(
      Route<C, I, O> route, Identity<?> identity, C ctx, @Nullable I input, long nanos) {
    if (nanos <= 0) {
      try {
        return run(route, identity, ctx, input, null);
      } catch (Exception e) {
        throw failure(e, route.name());
      }
    }
    Watchdog.Ticket ticket = watchdog.start(nanos, Thread.currentThread()::interrupt);
    Outcome outcome = null;
    Exception failed = null;
    boolean inTime = false;
    try {
      outcome = run(route, identity, ctx, input, null);
    } catch (Exception e) {
      failed = e;
    } finally {
      inTime = ticket.finish();
    }
    if (!inTime) {
      Thread.interrupted();
      throw timeout(route.name(), nanos);
    }
    if (failed != null) {
      throw failure(failed, route.name());
    }
    return Objects.requireNonNull(outcome);
  }

  /** Middleware, guards, handler, output validation and resources; input is already valid. */
  @SuppressWarnings("unchecked")
  public <I, O> Outcome run(Route<C, I, O> route, Identity<?> identity, C ctx, @Nullable I input,
      @Nullable ParleyRequest request) throws Exception {
    Target<C, I, O> target = route.target();
    Call call = new Call(route.procedure(), input, identity, request);
    Object result;
    C handlerCtx;
    if (middleware.length == 0) {
      result = target.run(ctx, input, call);
      handlerCtx = ctx;
    } else {
      Chain<C, I, O> chain = new Chain<>(middleware, target, call, input);
      result = chain.run(ctx);
      handlerCtx = chain.handlerContext(ctx);
    }
    O output = (O) result;
    if (options.validateOutput()) {
      List<Issue> issues = route.procedure().output().validate(output);
      if (!issues.isEmpty()) {
        LOG.error("{}: the handler's output fails its schema: {}", route.name(), issues);
        throw new ParleyException(ErrorCode.INTERNAL_SERVER_ERROR, INTERNAL_MESSAGE);
      }
    }
    Set<String> resources =
        route.isMutation() ? target.resources(handlerCtx, input, output, call) : Set.of();
    return new Outcome(output, resources);
  }

  /** The Parley form of a failure: its own if it has one, else a logged internal error. */
  public static ParleyException failure(Throwable t, String name) {
    if (t instanceof ParleyException pe) {
      if (pe.code() == ErrorCode.INTERNAL_SERVER_ERROR && pe.getCause() != null) {
        LOG.error("{} failed", name, pe.getCause());
      }
      return pe;
    }
    LOG.error("{} failed", name, t);
    return new ParleyException(ErrorCode.INTERNAL_SERVER_ERROR, INTERNAL_MESSAGE);
  }

  /** The NOT_FOUND of an unknown procedure, worded as tRPC words it. */
  public static ParleyException notFound(String name) {
    return new ParleyException(
        ErrorCode.NOT_FOUND, "No procedure found on path \"" + name + "\"");
  }

  /** The TIMEOUT of a call that outlived {@code nanos}. */
  public static ParleyException timeout(String name, long nanos) {
    return new ParleyException(ErrorCode.TIMEOUT,
        "\"" + name + "\" did not finish within " + Duration.ofNanos(nanos).toMillis() + " ms");
  }

  /** Refuses new calls, waits for those in flight; true when all ended within {@code grace}. */
  public boolean shutdown(Duration grace) throws InterruptedException {
    boolean all = gate.close(grace);
    if (all) {
      watchdog.stop();
    }
    return all;
  }
}
