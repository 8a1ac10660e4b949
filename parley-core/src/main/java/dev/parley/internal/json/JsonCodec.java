package dev.parley.internal.json;

import dev.parley.ErrorCode;
import dev.parley.Issue;
import dev.parley.ParleyException;
import dev.parley.Schema;
import dev.parley.internal.schema.TreeReader;
import java.io.OutputStream;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.exc.MismatchedInputException;
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
 * <p>Errors are {@link ParleyException}s with messages safe to send, in Parley's own words:
 * {@link ErrorCode#PARSE_ERROR} for malformed JSON, trailing data or invalid UTF-8 (one reason, with
 * its line and column); {@link ErrorCode#BAD_REQUEST} for nesting deeper than {@link
 * #maxNestingDepth()}, for a number beyond the range of a {@code BigDecimal} ({@code
 * 1e99999999999}), and for a value that does not fit its schema: then with every issue, each at its
 * path, at most {@link #MAX_ISSUES}.
 *
 * <p>Decoding takes a fast route, Jackson's reading of the whole value followed by the schema's
 * validation, which reports every issue of a value that reads. Only when that reading fails does it
 * take the slow route ({@link TreeReader}): it reads the JSON tree part by part, reports the type
 * issue of every part that does not read (wrong JSON type, missing or {@code null} primitive,
 * number out of range, unknown enum constant, malformed time or UUID, missing, unknown or
 * non-string union variant name) and checks every part that does read as the schema would, beside
 * them; the issues are then sorted by path. A record's constraints that Hibernate Validator checks
 * (class-level ones, and all of a record with a constraint Parley does not compile), and the
 * constraints of a list, set or map itself, are checked only when that value reads whole.
 */
public final class JsonCodec {
  /** The default limit of {@link #maxNestingDepth()}: 64 levels of arrays and objects. */
  public static final int DEFAULT_MAX_NESTING_DEPTH = 64;

  /**
   * The most issues one {@code BAD_REQUEST} of {@link #decode} lists: 100. A value with more lists
   * 100 of them, the first found, and its message says that more were left out. Reading a value
   * part by part stops once more than 100 issues are found, so that a large input with an issue in
   * each of its many parts costs no more than that.
   */
  public static final int MAX_ISSUES = 100;

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
    return tree(json, "input");
  }

  /** Parses {@code json} into a tree, as {@link #parse(byte[])} does. */
  public JsonNode parse(String json) {
    return parse(json, "input");
  }

  /**
   * Parses {@code json} into a tree, as {@link #parse(byte[])} does; {@code what} names it in
   * messages, e.g. {@code "message"}.
   */
  public JsonNode parse(String json, String what) {
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(what, "what");
    if (json.isBlank()) {
      return MissingNode.getInstance();
    }
    try {
      return mapper.readTree(json);
    } catch (MismatchedInputException e) {
      throw JsonErrors.trailing(e, what);
    } catch (JacksonException e) {
      throw JsonErrors.translate(e, what, maxNestingDepth, Source.of(json));
    } catch (NumberFormatException e) {
      throw JsonErrors.outOfRange(e, what);
    }
  }

  /**
   * Reads {@code node} as a value of {@code schema}'s type, then validates it with {@code schema}.
   * A {@code null} or missing node is the value {@code null}, which the schema judges (only {@link
   * Schema#none()} accepts it).
   *
   * @param what names the value in messages, e.g. {@code "input"}
   * @return the value, {@code null} only when the schema accepts {@code null}
   * @throws ParleyException {@code BAD_REQUEST} with every issue (at most {@link #MAX_ISSUES}) when
   *     the value does not fit: of JSON types and of the schema together
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
        throw everyIssue(schema, node, JsonErrors.translate(e, what, maxNestingDepth, Source.NONE),
            what);
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
   *     deep nesting, or with every issue (at most {@link #MAX_ISSUES}) of a value that does not
   *     fit: of JSON types and of the schema together
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
        ParleyException error = JsonErrors.translate(e, what, maxNestingDepth, Source.of(json));
        // a part of the wrong type: parsed whole first, since JSON malformed further on is a
        // parse error, then read part by part for every issue
        throw isTypeIssue(error) ? everyIssue(schema, tree(json, what), error, what) : error;
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
      throw JsonErrors.invalid(what, issues, false);
    }
    return value;
  }

  /** {@code json} (UTF-8, not blank) as a tree. */
  private JsonNode tree(byte[] json, String what) {
    try {
      return mapper.readTree(json);
    } catch (MismatchedInputException e) {
      throw JsonErrors.trailing(e, what);
    } catch (JacksonException e) {
      throw JsonErrors.translate(e, what, maxNestingDepth, Source.of(json));
    } catch (NumberFormatException e) {
      throw JsonErrors.outOfRange(e, what);
    }
  }

  /** Whether {@code error} is about the JSON type of a part: then other parts may have issues. */
  private static boolean isTypeIssue(ParleyException error) {
    return error.code() == ErrorCode.BAD_REQUEST && !error.issues().isEmpty();
  }

  /**
   * The error of {@code tree}, which Jackson failed to read whole as a value of {@code schema} with
   * {@code error}: every issue the slow route finds, or {@code error} when it finds none.
   */
  private ParleyException everyIssue(
      Schema<?> schema, JsonNode tree, ParleyException error, String what) {
    if (!isTypeIssue(error)) {
      return error;
    }
    TreeReader.Found found = TreeReader.issues(
        schema, tree, (type, node, path, issues) -> part(type, node, path, issues, what),
        MAX_ISSUES);
    return found.issues().isEmpty() ? error : JsonErrors.invalid(what, found.issues(), found.more());
  }

  /** One part of a tree read whole, as {@link TreeReader.Scalars} reads it. */
  private @Nullable Object part(
      Type type, JsonNode node, String path, List<Issue> issues, String what) {
    try {
      return reader(type).readValue(node);
    } catch (JacksonException e) {
      ParleyException error = JsonErrors.translate(e, what, maxNestingDepth, Source.NONE);
      if (error.issues().isEmpty()) {
        throw error; // not about the input, such as a type Jackson cannot read
      }
      for (Issue issue : error.issues()) {
        issues.add(issue.under(path));
      }
      return TreeReader.UNREAD;
    }
  }

  private ObjectWriter writer(Type type) {
    ObjectWriter w = writers.get(type);
    return w != null ? w : writers.computeIfAbsent(type, t -> mapper.writerFor(mapper.constructType(t)));
  }

  private ObjectReader reader(Type type) {
    ObjectReader r = readers.get(type);
    return r != null ? r : readers.computeIfAbsent(type, t -> mapper.readerFor(mapper.constructType(t)));
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
