package dev.parley.server.internal;

import dev.parley.ErrorCode;
import dev.parley.ParleyException;
import dev.parley.internal.json.JsonCodec;
import dev.parley.server.Authenticator;
import dev.parley.server.ContextFactory;
import dev.parley.server.Identity;
import dev.parley.server.ParleyRequest;
import dev.parley.server.ParleyResponse;
import dev.parley.server.ServerOptions;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * tRPC v11's HTTP wire over the {@link Engine}: reads the request (method, path, {@code batch} and
 * {@code input}, body), runs each routed call, and writes the single or batched answer.
 */
public final class HttpWire<P, C> {
  private static final Map<String, String> JSON_HEADERS =
      Map.of("content-type", "application/json", "vary", "trpc-accept");
  private static final byte[] NO_BODY = new byte[0];
  private static final ThreadFactory CALL_THREADS = Thread.ofVirtual().name("parley-call").factory();

  private final Engine<C> engine;
  private final Authenticator<P> authenticator;
  private final ContextFactory<P, C> contextFactory;
  private final BrowserPolicy browser;
  private final ServerOptions options;
  private final JsonCodec codec;
  private final JsonCodec batchCodec;
  private final WireJson json;
  private final long timeoutNanos;

  /**
   * The wire of {@code engine}'s calls: each request's caller resolved by {@code authenticator},
   * its context made by {@code contextFactory}.
   */
  public HttpWire(
      Engine<C> engine, Authenticator<P> authenticator, ContextFactory<P, C> contextFactory) {
    this.engine = engine;
    this.authenticator = authenticator;
    this.contextFactory = contextFactory;
    this.options = engine.options();
    this.browser = new BrowserPolicy(options);
    int depth = options.maxJsonDepth();
    this.codec = depth == JsonCodec.DEFAULT_MAX_NESTING_DEPTH
        ? JsonCodec.standard() : new JsonCodec(depth);
    this.batchCodec = new JsonCodec(depth + 1);
    this.json = new WireJson(codec);
    this.timeoutNanos = options.requestTimeout().toNanos();
  }

  /** Answers {@code request}, blocking until the answer is ready; never throws. */
  public ParleyResponse handle(ParleyRequest request) {
    CompletableFuture<ParleyResponse> answer = new CompletableFuture<>();
    handle(request, answer::complete, false);
    return answer.join();
  }

  /**
   * Answers {@code request} through {@code respond}, exactly once; never throws. A single call runs
   * on this thread; when it outlives its timeout, {@code respond} gets TIMEOUT from the watchdog
   * thread while the handler may still run here, and its late result is dropped.
   */
  public void handle(ParleyRequest request, Consumer<ParleyResponse> respond) {
    handle(request, once(respond), true);
  }

  private void handle(ParleyRequest request, Consumer<ParleyResponse> answer, boolean inline) {
    if (request.method().equals("HEAD")) {
      answer.accept(new ParleyResponse(204, Map.of(), NO_BODY));
      return;
    }
    if (BrowserPolicy.isPreflight(request)) {
      answer.accept(browser.preflight(request, this));
      return;
    }
    Consumer<ParleyResponse> respond = withCors(request, answer);
    ParleyException refused = browser.refusal(request);
    if (refused != null) {
      respond.accept(whole(refused));
      return;
    }
    Gate gate = engine.gate();
    try {
      gate.enter();
    } catch (ParleyException e) {
      respond.accept(whole(e));
      return;
    }
    try {
      serve(request, respond, inline);
    } catch (ParleyException e) {
      respond.accept(whole(e));
    } catch (RuntimeException e) {
      respond.accept(whole(Engine.failure(e, "request")));
    } finally {
      gate.leave();
    }
  }

  private Consumer<ParleyResponse> withCors(ParleyRequest request, Consumer<ParleyResponse> respond) {
    Map<String, String> cors = browser.corsHeaders(request);
    if (cors.isEmpty()) {
      return respond;
    }
    return response -> {
      Map<String, String> headers = new HashMap<>(response.headers());
      headers.putAll(cors);
      respond.accept(new ParleyResponse(response.status(), headers, response.body()));
    };
  }

  private static Consumer<ParleyResponse> once(Consumer<ParleyResponse> respond) {
    Objects.requireNonNull(respond, "respond");
    AtomicBoolean done = new AtomicBoolean();
    return response -> {
      if (done.compareAndSet(false, true)) {
        respond.accept(response);
      }
    };
  }

  private void serve(ParleyRequest request, Consumer<ParleyResponse> respond, boolean inline) {
    String method = request.method();
    QueryParams params = QueryParams.parse(request.query());
    int max = options.maxBodyBytes();
    String path = Percent.decodeText(request.path(), max);
    String[] names = params.batch() ? path.split(",", -1) : new String[] {path};
    if (names.length > options.maxBatchSize()) {
      throw new ParleyException(ErrorCode.BAD_REQUEST, "Batch of " + names.length
          + " calls is larger than the limit of " + options.maxBatchSize());
    }
    byte[] raw = rawInput(request, method, params, max);
    Identity<P> identity = authenticate(request);
    HttpCall.Answer[] answers = new HttpCall.Answer[names.length];
    @SuppressWarnings({"unchecked", "rawtypes"})
    Route<C, ?, ?>[] routes = new Route[names.length];
    int routed = 0;
    for (int i = 0; i < names.length; i++) {
      String name = names[i];
      Route<C, ?, ?> route = engine.route(name, identity.role());
      ParleyException refused = route == null ? Engine.notFound(name) : methodCheck(route, method);
      if (refused != null) {
        answers[i] = HttpCall.Answer.of(refused, json.error(refused, name));
        continue;
      }
      routes[i] = route;
      routed++;
    }
    JsonNode batchInput = routed > 0 && params.batch() && raw != null ? batchInput(raw) : null;
    C ctx = routed > 0 ? context(request, identity) : null;
    @SuppressWarnings({"unchecked", "rawtypes"})
    HttpCall<C>[] calls = new HttpCall[names.length];
    for (int i = 0; i < names.length; i++) {
      if (routes[i] != null) {
        JsonNode node = batchInput == null ? null : batchInput.get(Integer.toString(i));
        calls[i] = new HttpCall<>(routes[i], engine, params.batch() ? batchCodec : codec, json,
            Objects.requireNonNull(ctx), identity, request, raw, node, params.batch());
      }
    }
    boolean batch = params.batch();
    Runnable finish = () -> respond.accept(batch ? batch(answers) : single(answers[0]));
    if (inline && routed == 1) {
      executeHere(calls, answers, finish);
    } else {
      execute(calls, answers, routed);
      finish.run();
    }
  }

  /** Runs the one routed call on this thread; the watchdog answers for it if it is late. */
  private void executeHere(HttpCall<C>[] calls, HttpCall.Answer[] answers, Runnable finish) {
    int index = 0;
    while (calls[index] == null) {
      index++;
    }
    HttpCall<C> call = calls[index];
    int at = index;
    call.answer.thenAccept(a -> {
      answers[at] = a;
      finish.run();
    });
    Watchdog.Ticket ticket =
        timeoutNanos == 0 ? null : engine.watchdog().start(timeoutNanos, () -> expire(calls));
    call.thread = Thread.currentThread();
    try {
      call.run();
    } finally {
      if (ticket != null && !ticket.finish()) {
        Thread.interrupted(); // the watchdog's interrupt is for the abandoned handler, not for us
      }
    }
  }

  private byte @Nullable [] rawInput(
      ParleyRequest request, String method, QueryParams params, int max) {
    if (method.equals("POST")) {
      byte[] body = request.body();
      if (body.length > max) {
        throw new ParleyException(ErrorCode.PAYLOAD_TOO_LARGE,
            "Request body is larger than " + max + " bytes");
      }
      ContentTypes.check(request.header("content-type").orElse(null));
      return body.length == 0 ? null : body;
    }
    String input = params.input();
    return input == null ? null : Percent.decode(input, max);
  }

  private JsonNode batchInput(byte[] raw) {
    JsonNode input = batchCodec.parse(raw);
    if (!input.isObject() && !input.isMissingNode()) {
      throw new ParleyException(ErrorCode.BAD_REQUEST,
          "\"input\" needs to be an object when doing a batch call");
    }
    return input;
  }

  private Identity<P> authenticate(ParleyRequest request) {
    try {
      return Objects.requireNonNull(authenticator.authenticate(request), "authenticator returned null");
    } catch (Exception e) {
      throw Engine.failure(e, "authenticator");
    }
  }

  private C context(ParleyRequest request, Identity<P> identity) {
    try {
      return Objects.requireNonNull(
          contextFactory.create(request, identity), "context factory returned null");
    } catch (Exception e) {
      throw Engine.failure(e, "context factory");
    }
  }

  private static @Nullable ParleyException methodCheck(Route<?, ?, ?> route, String method) {
    String expected = route.isMutation() ? "POST" : "GET";
    if (expected.equals(method)) {
      return null;
    }
    return new ParleyException(ErrorCode.METHOD_NOT_SUPPORTED, "Unsupported " + method
        + "-request to " + (route.isMutation() ? "mutation" : "query") + " procedure at path \""
        + route.name() + "\"");
  }

  private void execute(HttpCall<C>[] calls, HttpCall.Answer[] answers, int routed) {
    if (routed == 0) {
      return;
    }
    if (timeoutNanos == 0 && routed == 1) {
      for (int i = 0; i < calls.length; i++) {
        if (calls[i] != null) {
          calls[i].run();
          answers[i] = calls[i].answer.join();
        }
      }
      return;
    }
    Watchdog.Ticket ticket =
        timeoutNanos == 0 ? null : engine.watchdog().start(timeoutNanos, () -> expire(calls));
    Gate gate = engine.gate();
    for (HttpCall<C> call : calls) {
      if (call != null) {
        gate.retain();
        Thread t = CALL_THREADS.newThread(() -> {
          try {
            call.run();
          } finally {
            gate.leave();
          }
        });
        call.thread = t;
        t.start();
      }
    }
    try {
      for (int i = 0; i < calls.length; i++) {
        if (calls[i] != null) {
          answers[i] = calls[i].answer.join();
        }
      }
    } finally {
      if (ticket != null) {
        ticket.finish();
      }
    }
  }

  /** Runs on the watchdog at the deadline: answers TIMEOUT for every call not answered yet. */
  private void expire(HttpCall<C>[] calls) {
    for (HttpCall<C> call : calls) {
      if (call != null && !call.answer.isDone()) {
        call.abandon();
        ParleyException timeout = Engine.timeout(call.name(), timeoutNanos);
        call.answer.complete(HttpCall.Answer.of(timeout, json.error(timeout, call.name())));
      }
    }
  }

  /** The answer to a request that failed as a whole (no procedure path), in tRPC's error shape. */
  public ParleyResponse whole(ParleyException e) {
    return single(HttpCall.Answer.of(e, json.error(e, null)));
  }

  private static ParleyResponse single(HttpCall.Answer a) {
    return new ParleyResponse(a.status(), headers(a.retryAfterSeconds()), a.json());
  }

  private static Map<String, String> headers(long retryAfterSeconds) {
    if (retryAfterSeconds < 0) {
      return JSON_HEADERS;
    }
    Map<String, String> headers = new HashMap<>(JSON_HEADERS);
    headers.put("retry-after", Long.toString(retryAfterSeconds));
    return headers;
  }

  private static ParleyResponse batch(HttpCall.Answer[] answers) {
    ByteSink out = new ByteSink(answers.length * 64 + 2);
    out.write('[');
    int status = answers[0].status();
    long retryAfter = -1;
    for (int i = 0; i < answers.length; i++) {
      if (i > 0) {
        out.write(',');
      }
      out.write(answers[i].json());
      if (answers[i].status() != status) {
        status = 207;
      }
      retryAfter = Math.max(retryAfter, answers[i].retryAfterSeconds());
    }
    out.write(']');
    return new ParleyResponse(status, headers(retryAfter), out.toByteArray());
  }
}
