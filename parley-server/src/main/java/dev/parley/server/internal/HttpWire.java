package dev.parley.server.internal;

import dev.parley.ErrorCode;
import dev.parley.ParleyException;
import dev.parley.internal.json.JsonCodec;
import dev.parley.internal.wire.Envelopes;
import dev.parley.internal.wire.EventStream;
import dev.parley.internal.wire.JsonLines;
import dev.parley.internal.wire.Percent;
import dev.parley.internal.wire.QueryString;
import dev.parley.internal.wire.TimeoutHeader;
import dev.parley.server.Authenticator;
import dev.parley.server.Identity;
import dev.parley.server.ParleyRequest;
import dev.parley.server.ParleyResponse;
import dev.parley.server.Responder;
import dev.parley.server.ServerOptions;
import dev.parley.server.Transport;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * tRPC v11's HTTP wire in front of the {@link Pipeline}: reads a request (method, path, {@code
 * batch} and {@code input}, body, the caller's deadline), hands each of its calls to the pipeline,
 * and writes the single, batched or streamed answer. Nothing of a call's own life (routing,
 * validation, deadline, middleware) happens here.
 */
public final class HttpWire {
  static final Map<String, String> JSON_HEADERS =
      Map.of("content-type", "application/json", "vary", "trpc-accept, accept");
  private static final ThreadFactory CALLS = Thread.ofVirtual().name("parley-call").factory();

  private final Pipeline pipeline;
  private final Authenticator<?> authenticator;
  private final BrowserPolicy browser;
  private final ServerOptions options;
  private final JsonCodec batchCodec;
  private final Answers answers;

  /** The wire of {@code pipeline}'s calls, each request's caller resolved by {@code authenticator}. */
  public HttpWire(Pipeline pipeline, Authenticator<?> authenticator) {
    this.pipeline = pipeline;
    this.authenticator = authenticator;
    this.options = pipeline.options();
    this.browser = new BrowserPolicy(options);
    this.batchCodec = new JsonCodec(options.maxJsonDepth() + 1);
    this.answers = new Answers(new Envelopes(pipeline.codec()));
  }

  /** Answers {@code request} through {@code responder}, exactly once; never throws. */
  public void handle(ParleyRequest request, Responder responder) {
    if (request.method().equals("HEAD")) {
      responder.respond(new ParleyResponse(204, Map.of(), new byte[0]));
      return;
    }
    if (BrowserPolicy.isPreflight(request)) {
      responder.respond(browser.preflight(request, this));
      return;
    }
    Responder out = withCors(request, responder);
    ParleyException refused = browser.refusal(request);
    if (refused == null && pipeline.isClosed()) {
      refused = Failures.shuttingDown();
    }
    if (refused != null) {
      out.respond(whole(refused));
      return;
    }
    try {
      serve(request, out);
    } catch (ParleyException e) {
      out.respond(whole(e));
    } catch (RuntimeException e) {
      out.respond(whole(Failures.of(e, "request")));
    }
  }

  /**
   * The answer that refuses a WebSocket upgrade: {@code FORBIDDEN} when the browser rules refuse
   * its origin (or its cookies) as they would an HTTP request's, {@code SERVICE_UNAVAILABLE} while
   * the server shuts down; null when it may be accepted.
   */
  public @Nullable ParleyResponse upgradeRefusal(ParleyRequest upgrade) {
    ParleyException refused = browser.refusal(upgrade);
    if (refused == null && pipeline.isClosed()) {
      refused = Failures.shuttingDown();
    }
    return refused == null ? null : whole(refused);
  }

  /** The answer to a request that failed as a whole (no procedure path), in tRPC's error shape. */
  public ParleyResponse whole(ParleyException e) {
    return answers.single(answers.error(e, null));
  }

  private void serve(ParleyRequest request, Responder out) {
    QueryString query = QueryString.parse(request.query());
    if (query.repeated() != null) {
      throw badRequest("Parameter \"" + query.repeated() + "\" is given more than once");
    }
    if (query.batch() != null && !query.isBatch()) {
      throw badRequest("Parameter \"batch\" must be 1 for a batch, or absent");
    }
    if (request.headers().getOrDefault("authorization", java.util.List.of()).size() > 1) {
      throw badRequest("More than one authorization header");
    }
    int max = options.maxBodyBytes();
    boolean batch = query.isBatch();
    String path = Percent.decodeText(request.path(), max);
    String[] names = batch ? path.split(",", -1) : new String[] {path};
    if (names.length > options.maxBatchSize()) {
      throw new ParleyException(ErrorCode.BAD_REQUEST, "Batch of " + names.length
          + " calls is larger than the limit of " + options.maxBatchSize());
    }
    boolean streamed = wantsStream(request);
    if (streamed && !batch) {
      throw new ParleyException(ErrorCode.BAD_REQUEST,
          "Streaming requests must be batched (you can do a batch of 1)");
    }
    byte[] raw = rawInput(request, query, max);
    long callerNanos = callerTimeout(request);
    Identity<?> identity;
    try {
      identity = Objects.requireNonNull(authenticator.authenticate(request),
          "the authenticator returned null");
    } catch (Exception e) {
      ParleyException error = Failures.of(e, "authenticator");
      Caller anonymous = pipeline.caller(Identity.anonymous(), Transport.HTTP, request);
      for (String name : names) {
        pipeline.refused(name, anonymous, error);
      }
      throw error;
    }
    Caller caller = pipeline.caller(identity, Transport.HTTP, request);
    if (batch) {
      checkKinds(names, identity);
    } else if (request.method().equals("GET")
        && pipeline.kind(names[0], identity.role()) == dev.parley.Kind.SUBSCRIPTION) {
      subscribe(request, query, names[0], raw, caller, out);
      return;
    }
    Input[] inputs = inputs(raw, batch, names, identity);
    long budget = pipeline.budget(callerNanos);
    long deadline = System.nanoTime() + budget;
    Cancellation cancellation = new Cancellation();
    out.whenGone(cancellation::cancel);
    Invocation[] calls = new Invocation[names.length];
    for (int i = 0; i < names.length; i++) {
      calls[i] = new Invocation(names[i], null, inputs[i], caller, request.method(), budget,
          deadline, cancellation);
    }
    if (!batch) {
      pipeline.run(calls[0],
          a -> out.respond(HttpCaching.respond(request, a, answers.of(a), answers)));
      return;
    }
    Answers.Collector collector = streamed ? answers.stream(out, names.length)
        : answers.batch(out, names.length);
    for (int i = 1; i < calls.length; i++) {
      Invocation call = calls[i];
      Consumer<Answer> sink = collector.sink(i);
      CALLS.newThread(() -> pipeline.run(call, sink)).start();
    }
    pipeline.run(calls[0], collector.sink(0));
  }

  /**
   * Serves a subscription as Server-Sent Events on this thread until it ends: from here on every
   * answer, a bad input included, is an event inside a 200 stream, as {@code httpSubscriptionLink}
   * expects. The last event id comes from the {@code Last-Event-ID} header (EventSource's own
   * reconnect), else a {@code lastEventId} query parameter, else the input.
   */
  private void subscribe(ParleyRequest request, QueryString query, String name,
      byte @Nullable [] raw, Caller caller, Responder out) {
    String lastEventId = request.header(EventStream.LAST_EVENT_ID_HEADER).orElse(null);
    if (lastEventId == null && query.lastEventId() != null) {
      lastEventId = Percent.decodeText(query.lastEventId(), options.maxBodyBytes());
    }
    Cancellation cancellation = new Cancellation();
    out.whenGone(cancellation::cancel);
    Values values = Objects.requireNonNull(pipeline.values(name), name);
    SseStream stream = new SseStream(out, cancellation, pipeline, values, name);
    Invocation call = new Invocation(name, null, raw == null ? Input.NONE : new Input.Json(raw),
        caller, "subscription", 0, 0, cancellation, new Stream(stream, lastEventId));
    pipeline.run(call, stream::end);
  }

  /**
   * Refuses, before any of its calls runs, a batch whose calls are not all of one kind (part of it
   * would run and part would be refused for its method), or that holds a subscription.
   */
  private void checkKinds(String[] names, Identity<?> identity) {
    dev.parley.Kind seen = null;
    for (String name : names) {
      dev.parley.Kind kind = pipeline.kind(name, identity.role());
      if (kind == dev.parley.Kind.SUBSCRIPTION) {
        throw badRequest("Cannot batch subscription calls: \"" + name + "\" is a subscription");
      }
      if (kind != null && seen != null && kind != seen) {
        throw badRequest("Cannot mix procedure kinds in one batch: " + lower(seen) + " and "
            + lower(kind));
      }
      seen = kind != null ? kind : seen;
    }
  }

  private static String lower(dev.parley.Kind kind) {
    return kind.name().toLowerCase(java.util.Locale.ROOT);
  }

  private static ParleyException badRequest(String message) {
    return new ParleyException(ErrorCode.BAD_REQUEST, message);
  }

  private static boolean wantsStream(ParleyRequest request) {
    String trpcAccept = request.header(JsonLines.ACCEPT_HEADER).orElse(null);
    if (trpcAccept != null) {
      return trpcAccept.trim().equalsIgnoreCase(JsonLines.MEDIA_TYPE);
    }
    for (String accept : request.headers().getOrDefault("accept", java.util.List.of())) {
      for (String type : accept.split(",", -1)) {
        if (type.trim().equalsIgnoreCase(JsonLines.MEDIA_TYPE)) {
          return true;
        }
      }
    }
    return false;
  }

  private static long callerTimeout(ParleyRequest request) {
    String value = request.header(TimeoutHeader.NAME).orElse(null);
    return value == null ? 0 : Math.max(1, TimeoutHeader.parse(value.trim()));
  }

  private byte @Nullable [] rawInput(ParleyRequest request, QueryString query, int max) {
    if (request.method().equals("POST")) {
      if (request.bodyLength() > max) {
        throw new ParleyException(ErrorCode.PAYLOAD_TOO_LARGE,
            "Request body is larger than " + max + " bytes");
      }
      ContentTypes.check(request.header("content-type").orElse(null));
      ContentTypes.checkEncoding(request.header("content-encoding").orElse(null));
      return request.bodyLength() == 0 ? null : request.body();
    }
    String input = query.input();
    if (input == null) {
      return null;
    }
    if (!Percent.isEncoded(input)) {
      throw new ParleyException(ErrorCode.BAD_REQUEST,
          "input is not URL-encoded (expected encodeURIComponent of its JSON)");
    }
    return Percent.decode(input, max);
  }

  /**
   * Each call's input. A batch's input object is read only when one of its calls is routed, so
   * that calls outside the caller's role are answered {@code NOT_FOUND} whatever their input.
   */
  private Input[] inputs(byte @Nullable [] raw, boolean batch, String[] names,
      Identity<?> identity) {
    Input[] inputs = new Input[names.length];
    java.util.Arrays.fill(inputs, Input.NONE);
    if (raw == null) {
      return inputs;
    }
    if (!batch) {
      inputs[0] = new Input.Json(raw);
      return inputs;
    }
    boolean routed = false;
    for (String name : names) {
      routed |= pipeline.routes(name, identity.role());
    }
    if (!routed) {
      return inputs;
    }
    JsonNode object = batchCodec.parse(raw);
    if (object.isMissingNode()) {
      return inputs;
    }
    if (!object.isObject()) {
      throw new ParleyException(ErrorCode.BAD_REQUEST,
          "\"input\" needs to be an object when doing a batch call");
    }
    for (String key : object.propertyNames()) {
      int index = index(key, names.length);
      if (index < 0) {
        throw badRequest("\"input\" of a batch has the key \"" + key
            + "\", which is not the index of one of its " + names.length + " calls");
      }
      inputs[index] = new Input.Tree(object.get(key));
    }
    return inputs;
  }

  /** {@code key} as a call's index below {@code calls}: digits, no leading zero; else -1. */
  private static int index(String key, int calls) {
    if (key.isEmpty() || key.length() > 9 || (key.length() > 1 && key.charAt(0) == '0')) {
      return -1;
    }
    int value = 0;
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value < calls ? value : -1;
  }

  private Responder withCors(ParleyRequest request, Responder responder) {
    Map<String, String> cors = browser.corsHeaders(request);
    if (cors.isEmpty()) {
      return responder;
    }
    return new Responder() {
      @Override
      public void respond(ParleyResponse response) {
        responder.respond(new ParleyResponse(response.status(), with(response.headers()),
            response.body()));
      }

      @Override
      public ResponseStream stream(int status, Map<String, String> headers) {
        return responder.stream(status, with(headers));
      }

      @Override
      public void whenGone(Runnable onGone) {
        responder.whenGone(onGone);
      }

      private Map<String, String> with(Map<String, String> headers) {
        Map<String, String> all = new HashMap<>(headers);
        all.putAll(cors);
        return all;
      }
    };
  }
}
