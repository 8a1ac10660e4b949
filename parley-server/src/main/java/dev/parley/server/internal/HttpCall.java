package dev.parley.server.internal;

import dev.parley.ErrorCode;
import dev.parley.Issue;
import dev.parley.ParleyException;
import dev.parley.Schema;
import dev.parley.internal.json.JsonCodec;
import dev.parley.server.Identity;
import dev.parley.server.ParleyRequest;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One routed call of an HTTP request: decodes its input, runs the pipeline and encodes its answer.
 * Runs on the transport's thread or on a virtual thread of its own, which the watchdog interrupts
 * and abandons when the call's time is up, answering TIMEOUT in its place.
 */
final class HttpCall<C> implements Runnable {
  private final Route<C, ?, ?> route;
  private final Engine<C> engine;
  private final JsonCodec codec;
  private final WireJson json;
  private final C ctx;
  private final Identity<?> identity;
  private final ParleyRequest request;
  private final byte @Nullable [] body;
  private final @Nullable JsonNode node;
  private final boolean batched;
  final CompletableFuture<Answer> answer = new CompletableFuture<>();
  volatile @Nullable Thread thread;
  private volatile boolean abandoned;

  /**
   * @param body the raw input of a single call, null when none
   * @param node the input of a batched call, null when none
   */
  HttpCall(Route<C, ?, ?> route, Engine<C> engine, JsonCodec codec, WireJson json, C ctx,
      Identity<?> identity, ParleyRequest request, byte @Nullable [] body, @Nullable JsonNode node,
      boolean batched) {
    this.route = route;
    this.engine = engine;
    this.codec = codec;
    this.json = json;
    this.ctx = ctx;
    this.identity = identity;
    this.request = request;
    this.body = body;
    this.node = node;
    this.batched = batched;
  }

  String name() {
    return route.name();
  }

  @Override
  public void run() {
    try {
      answer.complete(new Answer(200, json.success(route, execute(route)), -1));
    } catch (Throwable t) {
      if (abandoned) {
        Engine.LOG.debug("{} ended after its timeout: {}", route.name(), t.toString());
        return;
      }
      ParleyException e = Engine.failure(t, route.name());
      answer.complete(Answer.of(e, json.error(e, route.name())));
    }
  }

  /** Gives up on the call after its timeout: interrupts its thread, expects no answer. */
  void abandon() {
    abandoned = true;
    Thread t = thread;
    if (t != null) {
      t.interrupt();
    }
  }

  private <I, O> Outcome execute(Route<C, I, O> r) throws Exception {
    return engine.run(r, identity, ctx, decode(r.procedure().input(), r.takesInput()), request);
  }

  private <I> @Nullable I decode(Schema<I> schema, boolean takesInput) {
    if (!takesInput) {
      return null;
    }
    if (batched) {
      return node == null || node.isMissingNode() ? required(schema)
          : codec.decode(schema, node, "input");
    }
    return blank(body) ? required(schema) : codec.decode(schema, body, "input");
  }

  private static boolean blank(byte @Nullable [] bytes) {
    if (bytes != null) {
      for (byte b : bytes) {
        if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
          return false;
        }
      }
    }
    return true;
  }

  private static <I> @Nullable I required(Schema<I> schema) {
    List<Issue> issues = schema.validate(null);
    if (!issues.isEmpty()) {
      throw new ParleyException(ErrorCode.BAD_REQUEST, "input is required", issues, null, null);
    }
    return null;
  }

  /**
   * A call's answer: its HTTP status, its JSON envelope, and the seconds of its {@code Retry-After},
   * -1 for none.
   */
  record Answer(int status, byte[] json, long retryAfterSeconds) {
    /** The answer of a failed call, with the error's retry delay rounded up to whole seconds. */
    static Answer of(ParleyException e, byte[] json) {
      long retry = e.retryAfter()
          .map(d -> d.toSeconds() + (d.toNanosPart() > 0 ? 1 : 0))
          .orElse(-1L);
      return new Answer(e.code().httpStatus(), json, retry);
    }
  }
}
