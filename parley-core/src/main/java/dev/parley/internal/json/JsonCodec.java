package dev.parley.internal.json;

import dev.parley.ErrorCode;
import dev.parley.Issue;
import dev.parley.ParleyException;
import dev.parley.Schema;
import java.io.OutputStream;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.MissingNode;
import tools.jackson.databind.node.NullNode;

/**
 * Parley's one JSON codec: strict reading into the types of {@link Schema schemas}, followed by
 * their validation, and writing of any value. Immutable and thread-safe; share one instance.
 *
 * <p>Reading is strict about JSON types: no coercion between them (a number for a string, {@code
 * "5"} for an integer, {@code 1} for a boolean, {@code 1.5} or {@code 1.0} for an integer, {@code
 * null} for a primitive are all issues). {@code java.time} values and UUIDs are ISO-8601 /
 * canonical strings, {@code BigDecimal}s exact, enums their constant names. Unknown JSON properties
 * are ignored, as zod's default object and protobuf do, so that old servers accept newer clients.
 * A sealed interface of records (a discriminated union) is read from an object whose {@code
 * "type"} string, anywhere in it, names the variant; every variant record is written with its
 * {@code "type"} first, whether it is written as the union or by its own class.
 *
 * <p>Errors are {@link ParleyException}s with messages safe to send: {@link ErrorCode#PARSE_ERROR}
 * for malformed JSON, trailing data or invalid UTF-8; {@link ErrorCode#BAD_REQUEST} for nesting
 * deeper than {@link #maxNestingDepth()}, for a number beyond the range of a {@code BigDecimal}
 * ({@code 1e99999999999}), for a value of the wrong type (one issue, at its path;
 * for a union's missing, unknown or non-string name, at its {@code type}) and for a decoded value
 * its schema rejects (every issue).
 */
public final class JsonCodec {
  /** The default limit of {@link #maxNestingDepth()}: 64 levels of arrays and objects. */
  public static final int DEFAULT_MAX_NESTING_DEPTH = 64;

  private static final JsonCodec STANDARD = new JsonCodec(DEFAULT_MAX_NESTING_DEPTH);
  private static final byte[] NULL_BYTES = {'n', 'u', 'l', 'l'};

  private final int maxNestingDepth;
  private final JsonMapper mapper;
  private final ConcurrentHashMap<Type, ObjectReader> readers = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Type, ObjectWriter> writers = new ConcurrentHashMap<>();

  /**
   * A codec that refuses JSON nested deeper than {@code maxNestingDepth} levels.
   *
   * @param maxNestingDepth the most levels of arrays and objects read, {@code > 0}
   * @throws IllegalArgumentException when {@code maxNestingDepth <= 0}
   */
  public JsonCodec(int maxNestingDepth) {
    if (maxNestingDepth <= 0) {
      throw new IllegalArgumentException(
          "maxNestingDepth: " + maxNestingDepth + " (expected: > 0)");
    }
    this.maxNestingDepth = maxNestingDepth;
    this.mapper = StrictMapper.build(maxNestingDepth);
  }

  /** The shared codec with the default limits ({@link #DEFAULT_MAX_NESTING_DEPTH}). */
  public static JsonCodec standard() {
    return STANDARD;
  }

  /** The most levels of arrays and objects this codec reads. */
  public int maxNestingDepth() {
    return maxNestingDepth;
  }

  /**
   * A generator writing to {@code out} with this codec's rules, for envelopes written piece by
   * piece; values inside them go through {@link #write}. Closing it flushes, never closes {@code
   * out} beyond what {@code out.close()} does for an in-memory sink.
   */
  public JsonGenerator generator(OutputStream out) {
    return mapper.createGenerator(out);
  }

  /**
   * Writes {@code value} at the generator's position as a value of {@code type}, its declared type,
   * so that a union's variant carries its {@code type} and a generic list its elements' form.
   *
   * @throws ParleyException {@code INTERNAL_SERVER_ERROR} if the value cannot be written
   */
  public void write(JsonGenerator g, Type type, @Nullable Object value) {
    try {
      if (value == null) {
        g.writeNull();
      } else {
        writer(type).writeValue(g, value);
      }
    } catch (JacksonException e) {
      throw new ParleyException(ErrorCode.INTERNAL_SERVER_ERROR, "Internal server error", e);
    }
  }

  /**
   * {@code value} written as JSON (UTF-8) as a value of {@code type}, its declared type: as {@link
   * #write} does, without an enclosing generator.
   *
   * @throws ParleyException {@code INTERNAL_SERVER_ERROR} if the value cannot be written
   */
  public byte[] encode(Type type, @Nullable Object value) {
    if (value == null) {
      return NULL_BYTES.clone();
    }
    try {
      return writer(type).writeValueAsBytes(value);
    } catch (JacksonException e) {
      throw new ParleyException(ErrorCode.INTERNAL_SERVER_ERROR, "Internal server error", e);
    }
  }

  /**
   * {@code node} read as a {@code type} without validation, or empty when it does not convert:
   * for data that has no schema, such as an error's details.
   */
  public <T> java.util.Optional<T> convert(JsonNode node, Class<T> type) {
    try {
      return java.util.Optional.ofNullable(mapper.treeToValue(node, type));
    } catch (JacksonException e) {
      return java.util.Optional.empty();
    }
  }

  /**
   * Parses {@code json} (UTF-8) into a tree. Content that is empty or only whitespace is no value:
   * {@link MissingNode}.
   *
   * @throws ParleyException {@code PARSE_ERROR} when it is not one valid JSON value, {@code
   *     BAD_REQUEST} when it nests too deep or has a number out of range
   */
  public JsonNode parse(byte[] json) {
    Objects.requireNonNull(json, "json");
    if (isBlank(json)) {
      return MissingNode.getInstance();
    }
    try {
      return mapper.readTree(json);
    } catch (JacksonException e) {
      throw JsonErrors.translate(e, "input", maxNestingDepth);
    } catch (NumberFormatException e) {
      throw JsonErrors.outOfRange(e, "input");
    }
  }

  /** Parses {@code json} into a tree, as {@link #parse(byte[])} does. */
  public JsonNode parse(String json) {
    Objects.requireNonNull(json, "json");
    if (json.isBlank()) {
      return MissingNode.getInstance();
    }
    try {
      return mapper.readTree(json);
    } catch (JacksonException e) {
      throw JsonErrors.translate(e, "input", maxNestingDepth);
    } catch (NumberFormatException e) {
      throw JsonErrors.outOfRange(e, "input");
    }
  }

  /**
   * Reads {@code node} as a value of {@code schema}'s type, then validates it with {@code schema}.
   * A {@code null} or missing node is the value {@code null}, which the schema judges (only {@link
   * Schema#none()} accepts it).
   *
   * @param what names the value in messages, e.g. {@code "input"}
   * @return the value, {@code null} only when the schema accepts {@code null}
   * @throws ParleyException {@code BAD_REQUEST} with the issues when the value does not fit
   */
  public <T> T decode(Schema<T> schema, @Nullable JsonNode node, String what) {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(what, "what");
    T value;
    if (node == null || node.isMissingNode()) {
      value = null;
    } else {
      try {
        value = reader(schema.type()).readValue(node);
      } catch (JacksonException e) {
        throw JsonErrors.translate(e, what, maxNestingDepth);
      }
    }
    return validated(schema, value, what);
  }

  /**
   * Reads {@code json} (UTF-8) straight into a value of {@code schema}'s type, without a tree, then
   * validates it. Empty or whitespace-only content is the value {@code null}.
   *
   * @param what names the value in messages, e.g. {@code "input"}
   * @return the value, {@code null} only when the schema accepts {@code null}
   * @throws ParleyException {@code PARSE_ERROR} for malformed JSON, {@code BAD_REQUEST} for too
   *     deep nesting, a value that does not fit, or failed validation
   */
  public <T> T decode(Schema<T> schema, byte[] json, String what) {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(what, "what");
    T value;
    if (isBlank(json)) {
      value = null;
    } else {
      try {
        value = reader(schema.type()).readValue(json);
      } catch (JacksonException e) {
        ParleyException error = JsonErrors.translate(e, what, maxNestingDepth);
        if (error.code() == ErrorCode.BAD_REQUEST && !error.issues().isEmpty()) {
          checkSyntax(json, what); // JSON that is malformed later on is a parse error, as with parse()
        }
        throw error;
      } catch (NumberFormatException e) {
        throw JsonErrors.outOfRange(e, what);
      }
    }
    return validated(schema, value, what);
  }

  /**
   * Writes {@code value} as JSON (UTF-8); {@code null} and {@code Void} are {@code null}. Records,
   * collections, maps, enums, numbers, strings and the {@code java.time} types always encode.
   *
   * @throws ParleyException {@code INTERNAL_SERVER_ERROR} if the value cannot be written at all,
   *     e.g. an accessor of it throws; the cause is attached, never in the message
   */
  public byte[] encode(@Nullable Object value) {
    try {
      return mapper.writeValueAsBytes(value);
    } catch (JacksonException e) {
      throw new ParleyException(ErrorCode.INTERNAL_SERVER_ERROR, "Internal server error", e);
    }
  }

  /** {@code value} as a JSON tree, by the rules of {@link #encode}; {@code null} is a null node. */
  public JsonNode toTree(@Nullable Object value) {
    if (value == null) {
      return NullNode.getInstance();
    }
    try {
      return mapper.valueToTree(value);
    } catch (JacksonException e) {
      throw new ParleyException(ErrorCode.INTERNAL_SERVER_ERROR, "Internal server error", e);
    }
  }

  private <T> T validated(Schema<T> schema, @Nullable T value, String what) {
    List<Issue> issues = schema.validate(value);
    if (!issues.isEmpty()) {
      throw ParleyException.invalid(what, issues);
    }
    return value;
  }

  private ObjectWriter writer(Type type) {
    ObjectWriter w = writers.get(type);
    return w != null ? w : writers.computeIfAbsent(type, t -> mapper.writerFor(mapper.constructType(t)));
  }

  private ObjectReader reader(Type type) {
    ObjectReader r = readers.get(type);
    return r != null ? r : readers.computeIfAbsent(type, t -> mapper.readerFor(mapper.constructType(t)));
  }

  /** Reads every token of {@code json}: a syntax error or trailing data throws PARSE_ERROR. */
  private void checkSyntax(byte[] json, String what) {
    try (JsonParser p = mapper.createParser(json)) {
      p.nextToken();
      p.skipChildren();
      if (p.nextToken() != null) {
        throw new ParleyException(
            ErrorCode.PARSE_ERROR, what + " is not valid JSON: unexpected data after the JSON value");
      }
    } catch (JacksonException e) {
      throw JsonErrors.translate(e, what, maxNestingDepth);
    }
  }

  private static boolean isBlank(byte[] json) {
    for (byte b : json) {
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
        return false;
      }
    }
    return true;
  }
}
