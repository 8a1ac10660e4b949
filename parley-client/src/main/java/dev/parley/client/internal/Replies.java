package dev.parley.client.internal;

import dev.parley.ErrorCode;
import dev.parley.Issue;
import dev.parley.ParleyException;
import dev.parley.client.ParleyClientException;
import dev.parley.internal.json.JsonCodec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * tRPC v11's response side: reads the answer to one call or one batch and completes each call's
 * reply.
 *
 * <ul>
 *   <li>{@code {"result":{"data":…}}} is a success; {@code data} is decoded with the procedure's
 *       output schema and validated by it (absent {@code data} is {@code null}, for {@code Void}).
 *       A mutation's {@code result.resources} (strings) come with it. An output that does not fit
 *       its schema is INTERNAL_SERVER_ERROR with the schema's issues.
 *   <li>{@code {"error":{"message":…,"code":…,"data":{"code":…,"httpStatus":…,"issues":[…],
 *       "details":…}}}} is a {@link ParleyClientException}: the code from {@code data.code}, else
 *       from {@code data.httpStatus}, else from the HTTP status; the status from {@code
 *       data.httpStatus}, else the HTTP status; the issues from {@code data.issues}; the data from
 *       {@code data.details}.
 *   <li>A batch's answer is an array in the order of the calls. A single error object in answer to
 *       a batch (the server refused the whole request) fails every call of it.
 *   <li>Anything else (not JSON, not an envelope, an array of the wrong size) fails the calls: with
 *       the code of the HTTP status ({@link ErrorCode#ofHttpStatus}) when it is not 2xx, such as a
 *       proxy's 502 page; with INTERNAL_SERVER_ERROR otherwise.
 * </ul>
 */
final class Replies {
  private Replies() {}

  static void deliver(List<Call> calls, boolean batch, int status, byte[] body, JsonCodec codec) {
    JsonNode root;
    try {
      root = codec.parse(body);
    } catch (ParleyException e) {
      failAll(calls, unreadable(status, "is not JSON", e));
      return;
    }
    if (!batch) {
      complete(calls.get(0), root, status, codec);
    } else if (root.isArray() && root.size() == calls.size()) {
      for (int i = 0; i < calls.size(); i++) {
        complete(calls.get(i), root.get(i), status, codec);
      }
    } else if (root.get("error") instanceof JsonNode error && error.isObject()) {
      failAll(calls, error(error, status));
    } else {
      failAll(calls, unreadable(status, "is not an array of " + calls.size() + " answers", null));
    }
  }

  /** The reply to a call of {@code endpoint} in {@code envelope}, or its error thrown. */
  static Reply read(Endpoint endpoint, JsonNode envelope, int status, JsonCodec codec) {
    if (envelope.get("result") instanceof JsonNode result && result.isObject()) {
      Object value;
      try {
        value = codec.decode(endpoint.procedure().output(), result.get("data"), "output");
      } catch (ParleyException e) {
        throw new ParleyClientException(ErrorCode.INTERNAL_SERVER_ERROR, endpoint.name()
            + ": the server's output does not fit the contract: " + e.getMessage(), status,
            e.issues(), null, e);
      }
      Set<String> resources = endpoint.mutation() ? resources(result.get("resources")) : Set.of();
      return new Reply(value, resources);
    }
    if (envelope.get("error") instanceof JsonNode error && error.isObject()) {
      throw error(error, status);
    }
    throw unreadable(status, "has neither \"result\" nor \"error\"", null);
  }

  /** The exception of a tRPC {@code error} object answered with HTTP {@code status}. */
  static ParleyClientException error(JsonNode error, int status) {
    JsonNode data = error.get("data") instanceof JsonNode d && d.isObject() ? d : null;
    int httpStatus = status;
    if (data != null && data.get("httpStatus") instanceof JsonNode s && s.canConvertToInt()
        && s.isIntegralNumber()) {
      httpStatus = s.intValue();
    }
    ErrorCode code = null;
    if (data != null && data.get("code") instanceof JsonNode c && c.isString()) {
      code = ErrorCode.named(c.stringValue()).orElse(null);
    }
    if (code == null) {
      code = ErrorCode.ofHttpStatus(httpStatus);
    }
    String message = error.get("message") instanceof JsonNode m && m.isString()
        ? m.stringValue() : code.name();
    List<Issue> issues = data == null ? List.of() : issues(data.get("issues"));
    JsonNode details = data == null ? null : data.get("details");
    return new ParleyClientException(code, message, httpStatus, issues, details, null);
  }

  private static void complete(Call call, JsonNode envelope, int status, JsonCodec codec) {
    try {
      call.reply.complete(read(call.endpoint, envelope, status, codec));
    } catch (ParleyClientException e) {
      call.reply.completeExceptionally(e);
    }
  }

  private static void failAll(List<Call> calls, ParleyClientException e) {
    for (Call c : calls) {
      c.reply.completeExceptionally(e);
    }
  }

  private static ParleyClientException unreadable(
      int status, String what, @Nullable Throwable cause) {
    boolean ok = status >= 200 && status < 300;
    ErrorCode code = ok ? ErrorCode.INTERNAL_SERVER_ERROR : ErrorCode.ofHttpStatus(status);
    String message = ok
        ? "the server's answer " + what
        : "HTTP " + status + " with no tRPC error in the answer";
    return new ParleyClientException(code, message, status, cause);
  }

  private static List<Issue> issues(@Nullable JsonNode node) {
    if (node == null || !node.isArray()) {
      return List.of();
    }
    List<Issue> issues = new ArrayList<>(node.size());
    for (JsonNode i : node.values()) {
      JsonNode path = i.get("path");
      JsonNode message = i.get("message");
      issues.add(new Issue(path != null && path.isString() ? path.stringValue() : "",
          message != null && message.isString() ? message.stringValue() : ""));
    }
    return issues;
  }

  private static Set<String> resources(@Nullable JsonNode node) {
    if (node == null || !node.isArray() || node.isEmpty()) {
      return Set.of();
    }
    Set<String> resources = new LinkedHashSet<>();
    for (JsonNode r : node.values()) {
      if (r.isString()) {
        resources.add(r.stringValue());
      }
    }
    return Collections.unmodifiableSet(resources);
  }
}
