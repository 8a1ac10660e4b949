package dev.parley.internal.wire;

import dev.parley.ErrorCode;
import dev.parley.Issue;
import dev.parley.ParleyException;
import dev.parley.internal.json.JsonCodec;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.databind.JsonNode;

/**
 * tRPC v11's envelopes, written by the server and read by the client with the same field names:
 * a success {@code {"result":{"data":…}}} with Parley's {@code resources} (sorted) beside {@code
 * data}, and an error {@code {"error":{"message":…,"code":…,"data":{"code":…,"httpStatus":…,
 * "path":…,"issues":[…],"details":…,"retryAfter":…}}}}. Immutable and thread-safe.
 */
public final class Envelopes {
  private static final int INITIAL_BYTES = 256;
  private static final byte[] RESULT_OPEN = ascii("{\"result\":{");
  private static final byte[] DATA = ascii("\"data\":");
  private static final byte[] RESOURCES = ascii("\"resources\":[");
  private static final byte[] COMMA_RESOURCES = ascii(",\"resources\":[");
  private static final byte[] RESULT_CLOSE = ascii("}}");

  private final JsonCodec codec;

  /** Envelopes whose values are written and read with {@code codec}. */
  public Envelopes(JsonCodec codec) {
    this.codec = codec;
  }

  /**
   * A success envelope.
   *
   * @param type the output's declared type, which decides how it is written
   * @param output the output; written only when {@code hasOutput}
   * @param resources the declared resources, written sorted; {@code null} writes none
   */
  public byte[] result(Type type, @Nullable Object output, boolean hasOutput,
      @Nullable Collection<String> resources) {
    return result(type, output, hasOutput, resources, -1);
  }

  /**
   * A success envelope with a query's invalidation sequence: {@code "seq":42} after {@code
   * resources}, only when both are given.
   *
   * @param seq the server's invalidation sequence when the handler started; negative writes none
   */
  public byte[] result(Type type, @Nullable Object output, boolean hasOutput,
      @Nullable Collection<String> resources, long seq) {
    byte[] data = hasOutput ? codec.encode(type, output) : null;
    ByteArrayOutputStream out = new ByteArrayOutputStream(
        RESULT_OPEN.length + (data == null ? 0 : data.length) + 32);
    out.writeBytes(RESULT_OPEN);
    if (data != null) {
      out.writeBytes(DATA);
      out.writeBytes(data);
    }
    if (resources != null) {
      out.writeBytes(data == null ? RESOURCES : COMMA_RESOURCES);
      boolean first = true;
      for (String r : sorted(resources)) {
        if (!first) {
          out.write(',');
        }
        out.write('"');
        out.writeBytes(JsonStringEncoder.getInstance().quoteAsUTF8(r));
        out.write('"');
        first = false;
      }
      out.write(']');
      if (seq >= 0) {
        out.writeBytes(ascii(",\"seq\":" + seq));
      }
    }
    out.writeBytes(RESULT_CLOSE);
    return out.toByteArray();
  }

  /**
   * The error envelope of {@code e}; {@code path} is the procedure's name, null for a whole
   * request. Data that cannot be written as JSON is left out (see {@link #describe}).
   */
  public byte[] error(ParleyException e, @Nullable String path) {
    WireError described;
    try {
      described = describe(e, path);
    } catch (ParleyException unwritable) {
      described = describe(new ParleyException(e.code(), String.valueOf(e.getMessage()),
          e.issues(), null, null, e.retryAfter().orElse(null)), path);
    }
    return error(described);
  }

  /**
   * {@code e} as the wire carries it.
   *
   * @throws ParleyException {@code INTERNAL_SERVER_ERROR}, with the cause, when its data cannot be
   *     written as JSON
   */
  public WireError describe(ParleyException e, @Nullable String path) {
    JsonNode details = e.data().isPresent() ? codec.toTree(e.data().get()) : null;
    return new WireError(e.code(), String.valueOf(e.getMessage()), e.code().httpStatus(), path,
        e.issues(), details, e.retryAfter().orElse(null));
  }

  /** The error envelope of {@code e}: {@code {"error": shape}}. */
  public byte[] error(WireError e) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(INITIAL_BYTES);
    try (JsonGenerator g = codec.generator(out)) {
      g.writeStartObject();
      g.writeName("error");
      writeShape(g, e);
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  /**
   * The error shape of {@code e} alone, {@code {"message", "code", "data"}}: what an SSE stream's
   * {@code serialized-error} event carries.
   */
  public byte[] errorShape(WireError e) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(INITIAL_BYTES);
    try (JsonGenerator g = codec.generator(out)) {
      writeShape(g, e);
    }
    return out.toByteArray();
  }

  /** Writes the error shape of {@code e} as the next value of {@code g}. */
  public static void writeShape(JsonGenerator g, WireError e) {
    g.writeStartObject();
    g.writeStringProperty("message", e.message());
    g.writeNumberProperty("code", e.code().jsonRpcCode());
    g.writeName("data");
    g.writeStartObject();
    g.writeStringProperty("code", e.code().name());
    g.writeNumberProperty("httpStatus", e.httpStatus());
    if (e.path() != null) {
      g.writeStringProperty("path", e.path());
    }
    if (!e.issues().isEmpty()) {
      g.writeName("issues");
      g.writeStartArray();
      for (Issue issue : e.issues()) {
        g.writeStartObject();
        g.writeStringProperty("path", issue.path());
        g.writeStringProperty("message", issue.message());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    if (e.details() != null) {
      g.writeName("details");
      g.writeTree(e.details());
    }
    if (e.retryAfter() != null) {
      g.writeNumberProperty("retryAfter", e.retryAfterSeconds());
    }
    g.writeEndObject();
    g.writeEndObject();
  }

  /** The {@code seq} of a result object: a non-negative integer, or -1 when absent or not one. */
  public static long seq(JsonNode result) {
    JsonNode n = result.get("seq");
    return n != null && n.isIntegralNumber() && n.canConvertToLong() && n.longValue() >= 0
        ? n.longValue() : -1;
  }

  /** A batch's answer: the elements' envelopes as one JSON array, in order. */
  public static byte[] batch(List<byte[]> elements) {
    int size = 2;
    for (byte[] e : elements) {
      size += e.length + 1;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(size);
    out.write('[');
    for (int i = 0; i < elements.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.writeBytes(elements.get(i));
    }
    out.write(']');
    return out.toByteArray();
  }

  /**
   * Reads one envelope.
   *
   * @param status the HTTP status it came with, for errors that do not say theirs
   */
  public static Reply read(JsonNode envelope, int status) {
    if (envelope.get("result") instanceof JsonNode result && result.isObject()) {
      return new Reply.Data(result.get("data"), strings(result.get("resources")),
          seq(result));
    }
    if (envelope.get("error") instanceof JsonNode error && error.isObject()) {
      return new Reply.Failure(error(error, status));
    }
    return new Reply.Unreadable("has neither \"result\" nor \"error\"");
  }

  /** The error of a tRPC {@code error} object answered with HTTP {@code status}. */
  public static WireError error(JsonNode error, int status) {
    JsonNode data = error.get("data") instanceof JsonNode d && d.isObject() ? d : null;
    int httpStatus = status;
    if (data != null && data.get("httpStatus") instanceof JsonNode s && s.isIntegralNumber()
        && s.canConvertToInt()) {
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
    String path = data != null && data.get("path") instanceof JsonNode p && p.isString()
        ? p.stringValue() : null;
    List<Issue> issues = data == null ? List.of() : issues(data.get("issues"));
    JsonNode details = data == null ? null : data.get("details");
    Duration retryAfter = null;
    if (data != null && data.get("retryAfter") instanceof JsonNode r && r.isIntegralNumber()
        && r.canConvertToLong() && r.longValue() >= 0) {
      retryAfter = Duration.ofSeconds(r.longValue());
    }
    return new WireError(code, message, httpStatus, path, issues, details, retryAfter);
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

  private static Set<String> strings(@Nullable JsonNode node) {
    if (node == null || !node.isArray() || node.isEmpty()) {
      return Set.of();
    }
    Set<String> strings = new LinkedHashSet<>();
    for (JsonNode r : node.values()) {
      if (r.isString()) {
        strings.add(r.stringValue());
      }
    }
    return Collections.unmodifiableSet(strings);
  }

  private static byte[] ascii(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }

  private static Iterable<String> sorted(Collection<String> resources) {
    if (resources.size() < 2) {
      return resources;
    }
    String[] names = resources.toArray(new String[0]);
    Arrays.sort(names);
    return Arrays.asList(names);
  }
}
