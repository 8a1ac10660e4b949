package dev.parley.server.internal;

import dev.parley.Contract;
import dev.parley.Descriptor;
import dev.parley.ErrorCode;
import dev.parley.Issue;
import dev.parley.Kind;
import dev.parley.ParleyException;
import dev.parley.Procedure;
import dev.parley.Schema;
import dev.parley.internal.json.JsonCodec;
import dev.parley.server.Call;
import dev.parley.server.CallListener;
import dev.parley.server.CallRecord;
import dev.parley.server.ContextFactory;
import dev.parley.server.Identity;
import dev.parley.server.ParleyRequest;
import dev.parley.server.Result;
import dev.parley.server.ServerOptions;
import dev.parley.server.Transport;
import dev.parley.server.internal.shutdown.Gate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The one call pipeline: every transport and every in-process call enters at {@link #run} (or its
 * blocking form {@link #call}) with an {@link Invocation}, and goes: route by name within the
 * caller's role, check the kind fits how it was asked for, decode and validate the input, make the
 * caller's context, run the implementation (middleware, handler, output validation, resources).
 * The deadline, cancellation, shutdown and the call listeners are handled here, once, the same way
 * for every transport; wire code only parses requests and writes {@link Answer}s.
 */
public final class Pipeline {
  private static final ThreadFactory CALLS = Thread.ofVirtual().name("parley-call").factory();

  private final Contract contract;
  private final Map<String, Route> routes;
  private final Map<String, Values> values;
  private final ServerOptions options;
  private final JsonCodec codec;
  private final ContextFactory<?, ?> contextFactory;
  private final List<CallListener> listeners;
  private final Gate gate = new Gate();
  private final Realtime realtime;
  private final Watchdog watchdog = new Watchdog();
  private final Set<Run> streams = ConcurrentHashMap.newKeySet();
  private final Heartbeats heartbeats = new Heartbeats();
  private volatile boolean streamsClosed;
  private volatile BiConsumer<Set<String>, Caller> changed = (resources, caller) -> {};
  private volatile java.util.function.LongSupplier sequence = () -> -1;

  /**
   * A pipeline for {@code contract}'s procedures, none implemented yet, whose realtime handlers
   * run behind {@code serverChain}, the server-wide middleware.
   */
  public Pipeline(Contract contract, ServerOptions options, ContextFactory<?, ?> contextFactory,
      List<CallListener> listeners, Realtime.Chain serverChain) {
    this.realtime = new Realtime(this, serverChain);
    this.contract = Objects.requireNonNull(contract, "contract");
    this.options = Objects.requireNonNull(options, "options");
    this.contextFactory = Objects.requireNonNull(contextFactory, "contextFactory");
    this.listeners = List.copyOf(listeners);
    int depth = options.maxJsonDepth();
    this.codec = depth == JsonCodec.DEFAULT_MAX_NESTING_DEPTH
        ? JsonCodec.standard() : new JsonCodec(depth);
    Map<String, Route> byName = new HashMap<>();
    Map<String, Values> streams = new HashMap<>();
    for (Descriptor<?> d : contract.descriptors()) {
      if (d instanceof Procedure<?, ?, ?> p) {
        byName.put(p.name(), new Route(p));
        if (p.kind() == dev.parley.Kind.SUBSCRIPTION) {
          streams.put(p.name(), new Values(p.output(), codec));
        }
      }
    }
    this.routes = Map.copyOf(byName);
    this.values = Map.copyOf(streams);
  }

  /** The entry of the realtime handlers: channels, topics, client events. */
  public Realtime realtime() {
    return realtime;
  }

  /** The server's options. */
  public ServerOptions options() {
    return options;
  }

  /** The server's contract. */
  public Contract contract() {
    return contract;
  }

  /** The codec of inputs and outputs, with the server's depth limit. */
  public JsonCodec codec() {
    return codec;
  }

  /**
   * Implements {@code procedure} with {@code target}.
   *
   * @throws IllegalArgumentException if it is not part of the contract
   * @throws IllegalStateException if it is already implemented
   */
  public void install(Procedure<?, ?, ?> procedure, Target target) {
    Objects.requireNonNull(procedure, "procedure");
    Route r = routes.get(procedure.name());
    if (r == null || !r.procedure().equals(procedure)) {
      throw new IllegalArgumentException(procedure + " is not part of " + contract);
    }
    r.install(Objects.requireNonNull(target, "target"));
  }

  /** Throws IllegalStateException naming every procedure without an implementation. */
  public void assertAllImplemented() {
    List<String> missing = new ArrayList<>();
    for (Descriptor<?> d : contract.descriptors()) {
      Route r = routes.get(d.name());
      if (r != null && !r.isImplemented()) {
        missing.add(d.toString());
      }
    }
    if (!missing.isEmpty()) {
      throw new IllegalStateException("not implemented: " + String.join(", ", missing));
    }
  }

  /** A caller of {@code identity} over {@code transport}, its context made by the factory. */
  public Caller caller(Identity<?> identity, Transport transport, @Nullable ParleyRequest request) {
    return new Caller(identity, transport, request, contextFactory);
  }

  /**
   * The time limit of a call: the smaller of the server's request timeout and {@code
   * callerNanos}, where 0 means none; 0 when neither sets one.
   */
  public long budget(long callerNanos) {
    long server = options.requestTimeout().toNanos();
    if (server == 0 || (callerNanos > 0 && callerNanos < server)) {
      return Math.max(callerNanos, 0);
    }
    return server;
  }

  /**
   * Whether a caller of {@code role} may call {@code name}: it exists and is on the role's surface.
   * A procedure of another role is as absent as one that does not exist.
   */
  public boolean routes(String name, dev.parley.Role<?> role) {
    Route r = routes.get(name);
    return r != null && r.admits(role);
  }

  /** The kind of {@code name} for a caller of {@code role}; null when it {@link #routes} not. */
  public @Nullable Kind kind(String name, dev.parley.Role<?> role) {
    Route r = routes.get(name);
    return r != null && r.admits(role) ? r.procedure().kind() : null;
  }

  /** What runs {@code name}; null when it is not a procedure of the contract or not implemented. */
  public @Nullable Target implementation(String name) {
    Route r = routes.get(name);
    return r == null || !r.isImplemented() ? null : r.target();
  }

  /** The keep-alive timer of the server's live streams. */
  public Heartbeats heartbeats() {
    return heartbeats;
  }

  /** How many subscriptions are live now. */
  public int liveSubscriptions() {
    return streams.size();
  }

  /** The values of {@code name} when it is a subscription of the contract; else null. */
  public @Nullable Values values(String name) {
    return values.get(name);
  }

  /** Whether the server no longer takes calls. */
  public boolean isClosed() {
    return gate.isClosed();
  }

  /**
   * Runs one call on this thread and hands its answer to {@code sink}, exactly once: when it ends,
   * or at once from another thread at its deadline or when its caller goes away, while the call's
   * thread (this one) is interrupted and its late result dropped.
   */
  public void run(Invocation invocation, Consumer<Answer> sink) {
    Run run = new Run(this, invocation, sink);
    if (!gate.enter()) {
      run.complete(new Answer.Failure(invocation.name(), null, Failures.shuttingDown()));
      return;
    }
    boolean stream = invocation.stream() != null;
    try {
      if (stream) {
        streams.add(run);
        if (streamsClosed) {
          run.shutdown();
        }
      }
      invocation.cancellation().add(run);
      if (invocation.timed()) {
        run.ticket = watchdog.watch(invocation.deadline(), run::expire);
      }
      Answer answer;
      try {
        answer = execute(invocation, run);
      } catch (Throwable t) {
        answer = new Answer.Failure(invocation.name(), run.route, run.isStopped()
            ? Failures.gone(invocation.name()) : Failures.of(t, invocation.name()));
      }
      run.complete(answer);
    } finally {
      if (stream) {
        streams.remove(run);
      }
      invocation.cancellation().remove(run);
      gate.leave();
    }
  }

  /**
   * Runs one call and waits for its answer. A timed call runs on a virtual thread of its own, so
   * that its caller gets {@code TIMEOUT} at the deadline even from a handler that ignores its
   * interrupt; an untimed one runs on this thread. Interrupting the caller cancels the call.
   */
  public Answer call(Invocation invocation) {
    if (!invocation.timed()) {
      Answer[] answer = new Answer[1];
      run(invocation, a -> answer[0] = a);
      return Objects.requireNonNull(answer[0]);
    }
    CompletableFuture<Answer> answer = new CompletableFuture<>();
    CALLS.newThread(() -> run(invocation, answer::complete)).start();
    try {
      return answer.get();
    } catch (InterruptedException e) {
      invocation.cancellation().cancel();
      Thread.currentThread().interrupt();
      return new Answer.Failure(invocation.name(), null, Failures.gone(invocation.name()));
    } catch (ExecutionException e) {
      throw new IllegalStateException(e); // never completed exceptionally
    }
  }

  /**
   * Tells the listeners of a call refused before it reached the pipeline (a whole request refused:
   * authentication, media type, size).
   */
  public void refused(String name, Caller caller, ParleyException error) {
    record(name, null, caller, System.nanoTime(), error, Set.of());
  }

  /** The gate that counts calls in flight and closes at shutdown. */
  Gate gate() {
    return gate;
  }

  /**
   * Refuses new calls, ends every live subscription (its clients are told to retry: {@code
   * SERVICE_UNAVAILABLE}), and waits for the calls in flight; true when all ended within {@code
   * grace}.
   */
  public boolean shutdown(Duration grace) throws InterruptedException {
    gate.refuse();
    closeStreams();
    boolean all = gate.close(grace);
    if (all) {
      watchdog.stop();
    }
    return all;
  }

  /**
   * Stops the keep-alive timer, once the connections that need it (their heartbeats, the drop of
   * a client that does not end its close) are gone: the last step of a shutdown.
   */
  public void stopHeartbeats() {
    heartbeats.stop();
  }

  /**
   * Ends every live subscription with {@code SERVICE_UNAVAILABLE} and every one that starts from
   * now on, while queries and mutations go on: the first step of a graceful shutdown.
   */
  public void closeStreams() {
    streamsClosed = true;
    for (Run run : streams) {
      run.shutdown();
    }
  }

  /**
   * Ends every live subscription whose caller {@code revoked} matches with {@code why}; returns
   * how many it ended.
   */
  public int revoke(java.util.function.Predicate<Identity<?>> revoked, ParleyException why) {
    int ended = 0;
    for (Run run : streams) {
      if (revoked.test(run.invocation.caller().identity())) {
        run.revoke(why);
        ended++;
      }
    }
    return ended;
  }

  /**
   * Has {@code listener} hear the resources of every successful mutation with some, and its
   * caller, after its answer was handed over: over every transport and in process.
   */
  public void onChanged(BiConsumer<Set<String>, Caller> listener) {
    this.changed = Objects.requireNonNull(listener, "listener");
  }

  /**
   * Has each query's answer carry {@code sequence}'s value read just before its handler started:
   * the server's invalidation sequence (see {@code Sockets}).
   */
  public void sequence(java.util.function.LongSupplier sequence) {
    this.sequence = Objects.requireNonNull(sequence, "sequence");
  }

  void deliver(Run run, Answer answer) {
    changed(run, answer); // first: a query its caller sends next reads a sequence that counts it
    try {
      run.sink.accept(answer);
    } catch (RuntimeException e) {
      Failures.LOG.error("the answer of {} could not be handed over", answer.name(), e);
    }
    if (!listeners.isEmpty()) {
      Route route = answer instanceof Answer.Success s ? s.route() : run.route;
      record(answer.name(), route == null ? null : route.procedure(), run.invocation.caller(),
          run.start,
          answer instanceof Answer.Failure f ? f.error() : null,
          answer instanceof Answer.Success s ? s.result().resources() : Set.of());
    }
  }

  /**
   * Pushes the resources of {@code answer} when it is a mutation's success: also for a late one,
   * whose caller was answered {@code TIMEOUT} but whose data changed all the same.
   */
  void changed(Run run, Answer answer) {
    if (answer instanceof Answer.Success s && s.route().isMutation()
        && !s.result().resources().isEmpty()) {
      try {
        changed.accept(s.result().resources(), run.invocation.caller());
      } catch (RuntimeException e) {
        Failures.LOG.error("the resources of {} could not be pushed", answer.name(), e);
      }
    }
  }

  /** Tells the listeners of one call; {@code descriptor} is null when the name was not routed. */
  void record(String name, @Nullable Descriptor<?> descriptor, Caller caller, long start,
      @Nullable ParleyException error, Set<String> resources) {
    if (listeners.isEmpty()) {
      return;
    }
    CallRecord record = new CallRecord(name, descriptor,
        caller.identity(), caller.transport(), caller.request(),
        Duration.ofNanos(System.nanoTime() - start), error, resources);
    for (CallListener l : listeners) {
      try {
        l.onCall(record);
      } catch (RuntimeException e) {
        Failures.LOG.error("call listener {} failed", l, e);
      }
    }
  }

  private Answer execute(Invocation invocation, Run run) throws Exception {
    String name = invocation.name();
    Caller caller = invocation.caller();
    Route route = routes.get(name);
    Procedure<?, ?, ?> named = invocation.procedure();
    if (route == null || !route.admits(caller.identity().role())
        || (named != null && named != route.procedure() && !named.equals(route.procedure()))) {
      throw Failures.notFound(name);
    }
    run.route = route;
    String method = invocation.method();
    if (method != null && expected(method) != route.procedure().kind()) {
      throw new ParleyException(ErrorCode.METHOD_NOT_SUPPORTED, "Unsupported " + method
          + "-request to " + route.procedure().kind().name().toLowerCase(java.util.Locale.ROOT)
          + " procedure at path \"" + name + "\"");
    }
    Emission emission = null;
    Input raw = invocation.input();
    if (route.isSubscription()) {
      Stream stream = invocation.stream();
      if (stream == null) {
        throw new ParleyException(ErrorCode.METHOD_NOT_SUPPORTED,
            "\"" + name + "\" is a subscription: subscribe to it over SSE or a WebSocket");
      }
      LastEventId.Split split = LastEventId.split(route, raw, stream.lastEventId(), codec);
      raw = split.input();
      emission = new Emission(run, stream.outbound(), values.get(name), options.validateOutput(),
          split.lastEventId());
    }
    Object input = decode(route, raw);
    Object ctx = caller.context();
    Call call = caller.call(route.procedure(), null, input, false);
    long seq = sequence.getAsLong(); // before the handler reads anything
    Result result = route.target().run(ctx, call, emission);
    return new Answer.Success(name, route, result, seq);
  }

  private static @Nullable Kind expected(String method) {
    return switch (method) {
      case "GET", "query" -> Kind.QUERY;
      case "POST", "mutation" -> Kind.MUTATION;
      case "subscription" -> Kind.SUBSCRIPTION;
      default -> null;
    };
  }

  private @Nullable Object decode(Route route, Input input) {
    Schema<?> schema = route.procedure().input();
    return switch (input) {
      case Input.Value v -> validated(schema, v.value());
      case Input.None n -> route.takesInput() ? required(schema) : null;
      case Input.Tree t -> route.takesInput() ? codec.decode(schema, t.node(), "input") : null;
      case Input.Json j -> {
        if (!route.takesInput()) {
          codec.parse(j.utf8()); // still JSON, or PARSE_ERROR; its value is ignored
          yield null;
        }
        yield blank(j.utf8()) ? required(schema) : codec.decode(schema, j.utf8(), "input");
      }
    };
  }

  private static boolean blank(byte[] json) {
    for (byte b : json) {
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return false;
      }
    }
    return true;
  }

  @SuppressWarnings("unchecked")
  private static @Nullable Object validated(Schema<?> schema, @Nullable Object value) {
    List<Issue> issues = ((Schema<Object>) schema).validate(value);
    if (!issues.isEmpty()) {
      throw ParleyException.invalid("input", issues);
    }
    return value;
  }

  private static @Nullable Object required(Schema<?> schema) {
    List<Issue> issues = schema.validate(null);
    if (!issues.isEmpty()) {
      throw new ParleyException(ErrorCode.BAD_REQUEST, "input is required", issues, null, null);
    }
    return null;
  }
}
