package dev.parley.server;

import dev.parley.Contract;
import dev.parley.Invoker;
import dev.parley.ParleyException;
import dev.parley.Procedure;
import dev.parley.server.internal.Engine;
import dev.parley.server.internal.HttpWire;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A Parley server: the implementations of a contract's procedures, the middleware around them, and
 * {@link #handle(ParleyRequest)}, the transport-agnostic entry that speaks tRPC v11's HTTP wire.
 *
 * <pre>{@code
 * var server = ParleyServer.builder(TodoApi.CONTRACT)
 *     .authenticate(tokens::identify)                       // Identity<User>: role and principal
 *     .context((request, identity) -> new AppCtx(identity)) // every handler's typed context
 *     .build();
 * server.implement(TodoApi.LIST, (ctx, in) -> store.all());
 * server.implement(TodoApi.ADD, (ctx, in) -> store.add(in.text()))
 *     .resources((ctx, in, out) -> Set.of("todos", "todo/" + out.id()));
 * server.assertAllImplemented();
 * }</pre>
 *
 * <p>Every call, over HTTP or in process, goes through one pipeline: authenticate, route by name
 * within the caller's role, input decoding and validation, middleware, guards, handler, output
 * validation, encoding. Instances are
 * thread-safe; implement procedures before serving them.
 *
 * @param <C> the context type its handlers and middleware receive
 */
public final class ParleyServer<C> {
  private final Engine<C> engine;
  private final HttpWire<?, C> wire;

  private <P> ParleyServer(Builder<P, C> b) {
    this.engine = new Engine<>(b.contract, b.middleware, b.options);
    this.wire = new HttpWire<>(engine, b.authenticator, b.contextFactory);
  }

  /**
   * A builder of a server for {@code contract}, whose callers are all {@linkplain
   * Identity#anonymous() anonymous} until {@link Builder#authenticate} says otherwise, and whose
   * context is the {@link ParleyRequest} itself until {@link Builder#context} does.
   */
  public static Builder<Void, ParleyRequest> builder(Contract contract) {
    return new Builder<>(Objects.requireNonNull(contract, "contract"),
        request -> Identity.anonymous(), (request, identity) -> request);
  }

  /**
   * Implements {@code procedure} with {@code handler}.
   *
   * @return the implementation, to which {@link Implementation#resources resources} and {@link
   *     Implementation#guard guards} may be added
   * @throws IllegalArgumentException if the procedure is not part of this server's contract
   * @throws IllegalStateException if it is already implemented
   */
  public <I, O> Implementation<C, I, O> implement(
      Procedure<?, I, O> procedure, Handler<C, I, O> handler) {
    return engine.implement(procedure, handler);
  }

  /**
   * Implements {@code procedure} with {@code handler}, which receives the context as {@code
   * narrowing} narrows it (after the middleware); so do the guards and resources added to the
   * implementation returned.
   *
   * @throws IllegalArgumentException if the procedure is not part of this server's contract
   * @throws IllegalStateException if it is already implemented
   */
  public <N, I, O> Implementation<N, I, O> implement(Procedure<?, I, O> procedure,
      Narrowing<? super C, ? extends N> narrowing, Handler<N, I, O> handler) {
    return engine.implement(procedure, narrowing, handler);
  }

  /**
   * Checks that every procedure of the contract is implemented; transports call it at start.
   *
   * @throws IllegalStateException naming every procedure that is not
   */
  public void assertAllImplemented() {
    engine.assertAllImplemented();
  }

  /**
   * Calls {@code procedure} in process, on this thread, with no serialization: the input is
   * validated, middleware runs, the output is validated, as for an HTTP call. The server's
   * {@link ServerOptions#requestTimeout() request timeout} applies. This is the server's own code
   * calling: every procedure of the contract may be called, whatever its role.
   *
   * @return the output; {@code null} for a procedure without output
   * @throws ParleyException with the code the call failed with (e.g. {@code BAD_REQUEST} for an
   *     invalid input, {@code TIMEOUT}, {@code SERVICE_UNAVAILABLE} after shutdown)
   */
  public <I, O> @Nullable O call(Procedure<?, I, O> procedure, C ctx, @Nullable I input) {
    return engine.call(procedure, null, ctx, input, Duration.ZERO);
  }

  /**
   * An {@link Invoker} that calls this server in process with {@code ctx} as every call's context,
   * as the server's own code: every procedure, whatever its role. The in-process client link is
   * built on it.
   */
  public Invoker invoker(C ctx) {
    return localInvoker(null, Objects.requireNonNull(ctx, "ctx"));
  }

  /**
   * An {@link Invoker} that calls this server in process as {@code caller}, with {@code ctx} as
   * every call's context: a procedure outside the surface of the caller's role is {@code NOT_FOUND},
   * as over HTTP, and middleware sees {@code caller} in {@link Call#identity()}.
   */
  public Invoker invoker(Identity<?> caller, C ctx) {
    return localInvoker(Objects.requireNonNull(caller, "caller"), Objects.requireNonNull(ctx, "ctx"));
  }

  private Invoker localInvoker(@Nullable Identity<?> caller, C ctx) {
    return new Invoker() {
      @Override
      public <I, O> O invoke(Procedure<?, I, O> procedure, I input, Duration timeout) {
        return engine.call(procedure, caller, ctx, input, timeout);
      }

      @Override
      @SuppressWarnings("unchecked")
      public <I, O> Result<O> invokeForResult(
          Procedure<?, I, O> procedure, I input, Duration timeout) {
        var outcome = engine.outcome(procedure, caller, ctx, input, timeout);
        return new Result<>((O) outcome.output(), outcome.resources());
      }
    };
  }

  /**
   * Answers one HTTP request in tRPC v11's wire format (single and batched calls), blocking until
   * the answer is ready; transports call it on a virtual thread. It never throws: every failure is
   * an error response. The wire is described in {@code docs/protocol.md}.
   */
  public ParleyResponse handle(ParleyRequest request) {
    return wire.handle(Objects.requireNonNull(request, "request"));
  }

  /**
   * Answers one HTTP request as {@link #handle(ParleyRequest)} does, but hands the answer to {@code
   * respond} instead of returning it, which lets a transport skip a thread hand-off: a single call
   * runs on the calling thread, and if it outlives the request timeout, {@code respond} receives
   * the {@code TIMEOUT} answer at once from Parley's timer thread while the handler is interrupted
   * and its late result dropped. {@code respond} is called exactly once, possibly before this
   * method returns and possibly from another thread; it must not block. Never throws.
   */
  public void handle(ParleyRequest request, Consumer<ParleyResponse> respond) {
    wire.handle(Objects.requireNonNull(request, "request"), respond);
  }

  /**
   * The answer this server gives to a request refused as a whole, in tRPC's error shape: for
   * transports that refuse a request before the server sees it (e.g. a body over {@link
   * ServerOptions#maxBodyBytes()}), so that their answers look like the server's own.
   */
  public ParleyResponse errorResponse(ParleyException error) {
    return wire.whole(Objects.requireNonNull(error, "error"));
  }

  /**
   * Shuts down gracefully: new calls are refused with {@code SERVICE_UNAVAILABLE} at once, calls in
   * flight may finish within {@code grace}. Calls still running after it are left to their timeout.
   *
   * @return whether every call in flight finished within {@code grace}
   */
  public boolean shutdown(Duration grace) {
    Objects.requireNonNull(grace, "grace");
    try {
      return engine.shutdown(grace);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** This server's options. */
  public ServerOptions options() {
    return engine.options();
  }

  /** This server's contract. */
  public Contract contract() {
    return engine.contract();
  }

  /**
   * Builds a {@link ParleyServer}: {@link #authenticate}, then {@link #context}, then {@link #use},
   * in that order; {@link #options} anywhere.
   *
   * @param <P> the principal type its authenticator resolves
   * @param <C> the context type
   */
  public static final class Builder<P, C> {
    private final Contract contract;
    private final Authenticator<P> authenticator;
    private final ContextFactory<P, C> contextFactory;
    private final List<Middleware<? super C>> middleware = new ArrayList<>();
    private ServerOptions options = ServerOptions.defaults();
    private boolean contextSet;

    private Builder(
        Contract contract, Authenticator<P> authenticator, ContextFactory<P, C> contextFactory) {
      this.contract = contract;
      this.authenticator = authenticator;
      this.contextFactory = contextFactory;
    }

    /**
     * Resolves the caller of each HTTP request with {@code authenticator}, the {@code authenticate}
     * hook: its {@link Identity} decides the surface the caller may call (a procedure of another
     * role is {@code NOT_FOUND}) and is given to the {@link #context context factory}. By default
     * every caller is {@link Identity#anonymous() anonymous}. Call it first.
     *
     * @throws IllegalStateException if a context factory or middleware was already set
     */
    public <P2> Builder<P2, ParleyRequest> authenticate(Authenticator<P2> authenticator) {
      Objects.requireNonNull(authenticator, "authenticator");
      if (contextSet || !middleware.isEmpty()) {
        throw new IllegalStateException("authenticate(...) must come before context(...) and use(...)");
      }
      Builder<P2, ParleyRequest> b =
          new Builder<>(contract, authenticator, (request, identity) -> request);
      b.options = options;
      return b;
    }

    /**
     * Builds each HTTP request's context with {@code factory}, from the request and its caller's
     * {@link Identity}; by default the context is the {@link ParleyRequest}. Call it before {@link
     * #use}.
     *
     * @throws IllegalStateException if middleware was already added
     */
    public <C2> Builder<P, C2> context(ContextFactory<P, C2> factory) {
      Objects.requireNonNull(factory, "factory");
      if (!middleware.isEmpty()) {
        throw new IllegalStateException("context(...) must come before use(...)");
      }
      Builder<P, C2> b = new Builder<>(contract, authenticator, factory);
      b.options = options;
      b.contextSet = true;
      return b;
    }

    /**
     * Adds {@code m} around every call, HTTP and in-process; the first added is the outermost. A
     * middleware that passes on a different context must pass a value of this builder's context
     * type {@code C}; to hand a handler a context of another type, see {@link
     * ParleyServer#implement(Procedure, Narrowing, Handler)}.
     */
    public Builder<P, C> use(Middleware<? super C> m) {
      middleware.add(Objects.requireNonNull(m, "middleware"));
      return this;
    }

    /** Sets the limits; {@link ServerOptions#defaults()} unless set. */
    public Builder<P, C> options(ServerOptions options) {
      this.options = Objects.requireNonNull(options, "options");
      return this;
    }

    /** The server, with no procedure implemented yet. */
    public ParleyServer<C> build() {
      return new ParleyServer<>(this);
    }
  }
}
