package dev.parley.internal.json;

import dev.parley.ErrorCode;
import dev.parley.Issue;
import dev.parley.ParleyException;
import dev.parley.internal.schema.Paths;
import dev.parley.internal.schema.TreeReader;
import dev.parley.internal.schema.Union;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidDefinitionException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * Turns Jackson's exceptions into {@link ParleyException}s whose messages are Parley's own plain
 * words, safe to send: no Java class names, no source excerpts, no stack traces, nothing of
 * Jackson's messages. The words are chosen by the exception's type and its structured parts (its
 * target type, path, location, and the text at that location), never by its message.
 */
final class JsonErrors {
  private JsonErrors() {}

  /**
   * The Parley form of {@code e}, which Jackson threw while reading {@code what} from {@code
   * input} ({@link Source#NONE} for a tree).
   */
  static ParleyException translate(
      JacksonException e, String what, int maxNestingDepth, Source input) {
    if (e instanceof StreamConstraintsException) {
      String message = input.nestsDeeperThan(maxNestingDepth)
          ? what + " nests deeper than " + maxNestingDepth + " levels"
          : what + " has a string, number or name longer than allowed";
      return new ParleyException(ErrorCode.BAD_REQUEST, message, e);
    }
    if (e instanceof InputCoercionException ice) {
      return issue(e, what, path(e), "is out of range for " + rangeName(ice.getTargetType()));
    }
    if (e instanceof StreamReadException sre) {
      return parseError(what, SyntaxError.reason(sre, input), e);
    }
    if (e instanceof InvalidDefinitionException) {
      return new ParleyException(ErrorCode.INTERNAL_SERVER_ERROR, "Internal server error", e);
    }
    if (e instanceof InvalidTypeIdException invalid) {
      String at = Paths.property(path(e), Union.DISCRIMINATOR);
      return issue(e, what, at, UnionReader.issue(invalid));
    }
    if (e instanceof ValueInstantiationException) {
      return issue(e, what, path(e), TreeReader.refusal(e.getCause()));
    }
    if (e instanceof InvalidNullException) {
      return issue(e, what, path(e), "is required");
    }
    if (e instanceof MismatchedInputException mie) {
      // also a missing or null primitive, which Jackson tells apart only in its message: the
      // codec's reading of the tree part by part (TreeReader) words those itself
      return issue(e, what, path(e), expected(mie.getTargetType()));
    }
    if (e.getCause() instanceof java.io.IOException) {
      return parseError(what, "could not be read", e);
    }
    return issue(e, what, path(e), "is invalid");
  }

  /**
   * The Parley form of the one mismatch that reading a tree can meet, as a tree takes any JSON
   * value: another value after the first.
   */
  static ParleyException trailing(MismatchedInputException e, String what) {
    TokenStreamLocation at = e.getLocation();
    String where = at != null && at.getLineNr() > 0
        ? " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")" : "";
    return parseError(what, "unexpected data after the JSON value" + where, e);
  }

  /**
   * The Parley form of the {@link NumberFormatException} that Jackson throws unwrapped for a number
   * whose exponent no {@code BigDecimal} holds, such as {@code 1e99999999999}.
   */
  static ParleyException outOfRange(NumberFormatException e, String what) {
    return new ParleyException(ErrorCode.BAD_REQUEST, what + " has a number out of range", e);
  }

  /**
   * A {@link ErrorCode#BAD_REQUEST} listing {@code issues}, at most {@link JsonCodec#MAX_ISSUES};
   * its message says so when more were found ({@code more}) or are given than it lists.
   */
  static ParleyException invalid(String what, List<Issue> issues, boolean more) {
    int max = JsonCodec.MAX_ISSUES;
    if (!more && issues.size() <= max) {
      return ParleyException.invalid(what, issues);
    }
    List<Issue> listed = issues.subList(0, Math.min(issues.size(), max));
    String message = what + " is invalid: " + listed.get(0) + " (and " + (listed.size() - 1)
        + " more; further issues left out, " + max + " at most are listed)";
    return new ParleyException(ErrorCode.BAD_REQUEST, message, listed, null, null);
  }

  private static ParleyException parseError(String what, String reason, Throwable cause) {
    return new ParleyException(
        ErrorCode.PARSE_ERROR, what + " is not valid JSON: " + reason, List.of(), null, cause);
  }

  private static ParleyException issue(Throwable cause, String what, String path, String message) {
    ParleyException invalid = ParleyException.invalid(what, List.of(new Issue(path, message)));
    return new ParleyException(invalid.code(), invalid.getMessage(), invalid.issues(), null, cause);
  }

  /** The path of the value Jackson failed on, in Parley's form: {@code items[2].name}. */
  static String path(JacksonException e) {
    String path = "";
    for (JacksonException.Reference ref : e.getPath()) {
      if (ref.getPropertyName() != null) {
        path = Paths.property(path, ref.getPropertyName());
      } else if (ref.getIndex() >= 0) {
        path = Paths.index(path, ref.getIndex());
      }
    }
    return path;
  }

  /** What the value at fault should have been, in words. */
  static String expected(@Nullable Class<?> t) {
    if (t == null) {
      return "has the wrong type";
    }
    if (t.isEnum()) {
      return "expected one of " + Arrays.stream(t.getEnumConstants())
          .map(c -> ((Enum<?>) c).name())
          .toList();
    }
    if (t == String.class || t == char.class || t == Character.class || t == CharSequence.class) {
      return "expected a string";
    }
    if (t == boolean.class || t == Boolean.class) {
      return "expected a boolean";
    }
    if (isIntegral(t)) {
      return "expected an integer";
    }
    if (t.isPrimitive() || Number.class.isAssignableFrom(t)) {
      return "expected a number";
    }
    if (t == Instant.class) {
      return "expected an ISO-8601 instant string, e.g. 2024-01-31T10:15:30Z";
    }
    if (t == OffsetDateTime.class) {
      return "expected an ISO-8601 date-time string with an offset, e.g. 2024-01-31T10:15:30+01:00";
    }
    if (t == LocalDateTime.class) {
      return "expected an ISO-8601 local date-time string, e.g. 2024-01-31T10:15:30";
    }
    if (t == LocalDate.class) {
      return "expected an ISO-8601 date string, e.g. 2024-01-31";
    }
    if (t == Duration.class) {
      return "expected an ISO-8601 duration string, e.g. PT30S";
    }
    if (t == UUID.class) {
      return "expected a UUID string";
    }
    if (t.isArray() || Collection.class.isAssignableFrom(t)) {
      return "expected an array";
    }
    if (t == Void.class) {
      return "expected no value";
    }
    return t.isRecord() || Union.isUnion(t) || Map.class.isAssignableFrom(t) || t == Object.class
        ? "expected an object"
        : "has the wrong type";
  }

  private static boolean isIntegral(Class<?> t) {
    return t == int.class || t == long.class || t == short.class || t == byte.class
        || t == Integer.class || t == Long.class || t == Short.class || t == Byte.class
        || t == BigInteger.class;
  }

  private static String rangeName(@Nullable Class<?> t) {
    if (t == int.class || t == Integer.class) {
      return "a 32-bit integer";
    }
    if (t == long.class || t == Long.class) {
      return "a 64-bit integer";
    }
    if (t == short.class || t == Short.class) {
      return "a 16-bit integer";
    }
    if (t == byte.class || t == Byte.class) {
      return "an 8-bit integer";
    }
    return t == BigDecimal.class ? "a decimal" : "its type";
  }
}
