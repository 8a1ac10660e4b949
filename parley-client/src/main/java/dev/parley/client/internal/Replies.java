package dev.parley.client.internal;

import dev.parley.ErrorCode;
import dev.parley.ParleyException;
import dev.parley.client.ParleyClientException;
import dev.parley.internal.json.JsonCodec;
import dev.parley.internal.wire.Envelopes;
import dev.parley.internal.wire.Reply;
import dev.parley.internal.wire.WireError;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The client's side of tRPC v11's answers, read with the wire vocabulary the server writes with
 * ({@link Envelopes}), completing each call's reply.
 *
 * <ul>
 *   <li>A success's {@code data} is decoded with the procedure's output schema and validated by it
 *       (absent {@code data} is {@code null}, for {@code Void}); a mutation's {@code resources}
 *       come with it. An output that does not fit is INTERNAL_SERVER_ERROR with the issues.
 *   <li>An error is a {@link ParleyClientException}: the code from {@code data.code}, else from the
 *       status; the status from {@code data.httpStatus}, else the HTTP status; issues, details, and
 *       the retry delay from {@code data.retryAfter}, else from the {@code Retry-After} header.
 *   <li>A batch's answer is an array in the order of the calls; a single error object in answer to
 *       a batch (the whole request refused) fails every call of it.
 *   <li>Anything else fails the calls: with the code of the HTTP status ({@link
 *       ErrorCode#ofHttpStatus}) when it is not 2xx, such as a proxy's 502 page; with
 *       INTERNAL_SERVER_ERROR otherwise.
 * </ul>
 */
final class Replies {
  private Replies() {}

  /** Completes the calls of a plain (not streamed) answer. */
  static void deliver(List<Call> calls, boolean batch, int status, @Nullable Duration retryAfter,
      byte[] body, JsonCodec codec) {
    JsonNode root;
    try {
      root = codec.parse(body);
    } catch (ParleyException e) {
      failAll(calls, unreadable(status, "is not JSON", e));
      return;
    }
    if (!batch) {
      complete(calls.get(0), Envelopes.read(root, status), status, retryAfter, codec);
    } else if (root.isArray() && root.size() == calls.size()) {
      for (int i = 0; i < calls.size(); i++) {
        complete(calls.get(i), Envelopes.read(root.get(i), status), status, retryAfter, codec);
      }
    } else if (root.get("error") instanceof JsonNode error && error.isObject()) {
      failAll(calls, exception(Envelopes.error(error, status), retryAfter));
    } else {
      failAll(calls, unreadable(status, "is not an array of " + calls.size() + " answers", null));
    }
  }

  /** Completes {@code call} with {@code reply}. */
  static void complete(Call call, Reply reply, int status, @Nullable Duration retryAfter,
      JsonCodec codec) {
    switch (reply) {
      case Reply.Data d -> {
        Object value;
        try {
          value = codec.decode(call.endpoint.procedure().output(), d.data(), "output");
        } catch (ParleyException e) {
          call.reply.completeExceptionally(new ParleyClientException(
              ErrorCode.INTERNAL_SERVER_ERROR, call.name() + ": the server's output does not fit"
                  + " the contract: " + e.getMessage(), status, e.issues(), null, e));
          return;
        }
        call.reply.complete(new Output(value, Sequenced.of(d.resources(), d.seq())));
      }
      case Reply.Failure f -> call.reply.completeExceptionally(exception(f.error(), retryAfter));
      case Reply.Unreadable u -> call.reply.completeExceptionally(unreadable(status, u.why(), null));
    }
  }

  /**
   * The error of an answer to a subscription that is not an event stream: the tRPC error it holds
   * (a refusal such as NOT_FOUND, or 503 while the server shuts down), else an unreadable answer.
   */
  static ParleyClientException refusal(int status, byte[] body, @Nullable Duration retryAfter,
      JsonCodec codec) {
    JsonNode root;
    try {
      root = codec.parse(body);
    } catch (ParleyException e) {
      return unreadable(status, "is not an event stream", e);
    }
    if (Envelopes.read(root, status) instanceof Reply.Failure f) {
      return exception(f.error(), retryAfter);
    }
    return unreadable(status, "is not an event stream", null);
  }

  /** The exception of an error read from the wire; {@code retryAfter} is the header's. */
  static ParleyClientException exception(WireError e, @Nullable Duration retryAfter) {
    Duration retry = e.retryAfter() != null ? e.retryAfter()
        : e.code() == ErrorCode.TOO_MANY_REQUESTS || e.code() == ErrorCode.SERVICE_UNAVAILABLE
            ? retryAfter : null;
    return new ParleyClientException(e.code(), e.message(), e.httpStatus(), e.issues(),
        e.details(), null, retry);
  }

  static void failAll(List<Call> calls, ParleyClientException e) {
    for (Call c : calls) {
      c.reply.completeExceptionally(e);
    }
  }

  static ParleyClientException unreadable(int status, String what, @Nullable Throwable cause) {
    boolean ok = status >= 200 && status < 300;
    ErrorCode code = ok ? ErrorCode.INTERNAL_SERVER_ERROR : ErrorCode.ofHttpStatus(status);
    String message = ok
        ? "the server's answer " + what
        : "HTTP " + status + " with no tRPC error in the answer";
    return new ParleyClientException(code, message, status, cause);
  }
}
