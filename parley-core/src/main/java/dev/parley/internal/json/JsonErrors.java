package dev.parley.internal.json;

import dev.parley.ErrorCode;
import dev.parley.Issue;
import dev.parley.ParleyException;
import dev.parley.internal.schema.Paths;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * Turns Jackson's exceptions into {@link ParleyException}s whose messages are plain words, safe to
 * send: no Java class names, no source excerpts, no stack traces.
 */
final class JsonErrors {
  private static final int MAX_REASON_CHARS = 160;
  private static final Pattern MISSING =
      Pattern.compile("Missing required creator property '([^']*)'");

  private JsonErrors() {}

  /** The Parley form of {@code e}, which Jackson threw while reading {@code what}. */
  static ParleyException translate(JacksonException e, String what, int maxNestingDepth) {
    if (e instanceof StreamConstraintsException) {
      String message = String.valueOf(e.getOriginalMessage()).startsWith("Document nesting depth")
          ? what + " nests deeper than " + maxNestingDepth + " levels"
          : what + " has a string, number or name longer than allowed";
      return new ParleyException(ErrorCode.BAD_REQUEST, message, e);
    }
    if (e instanceof InputCoercionException ice) {
      return issue(e, what, path(e), "is out of range for " + rangeName(ice.getTargetType()));
    }
    if (e instanceof StreamReadException) {
      return parseError(what, reason(e), e);
    }
    if (e instanceof InvalidDefinitionException) {
      return new ParleyException(ErrorCode.INTERNAL_SERVER_ERROR, "Internal server error", e);
    }
    if (e instanceof InvalidTypeIdException invalid) {
      String at = Paths.property(path(e), Union.DISCRIMINATOR);
      return issue(e, what, at, UnionReader.issue(invalid));
    }
    String original = String.valueOf(e.getOriginalMessage());
    if (e instanceof MismatchedInputException && original.startsWith("Trailing token")) {
      return parseError(what, "unexpected data after the JSON value", e);
    }
    if (e instanceof ValueInstantiationException) {
      Throwable cause = e.getCause();
      String message = cause instanceof IllegalArgumentException iae && iae.getMessage() != null
          ? iae.getMessage()
          : "is invalid";
      return issue(e, what, path(e), message);
    }
    if (e instanceof InvalidNullException || original.startsWith("Cannot map `null`")) {
      return issue(e, what, path(e), "is required");
    }
    Matcher missing = MISSING.matcher(original);
    if (missing.find()) {
      List<JacksonException.Reference> refs = e.getPath();
      String name = missing.group(1);
      boolean named = !refs.isEmpty() && name.equals(refs.get(refs.size() - 1).getPropertyName());
      String at = path(e);
      return issue(e, what, named ? at : Paths.property(at, name), "is required");
    }
    if (e instanceof MismatchedInputException mie) {
      return issue(e, what, path(e), expected(mie.getTargetType()));
    }
    if (e instanceof StreamReadException || e.getCause() instanceof java.io.IOException) {
      return parseError(what, "could not be read", e);
    }
    return issue(e, what, path(e), "is invalid");
  }

  /**
   * The Parley form of the {@link NumberFormatException} that Jackson throws unwrapped for a number
   * whose exponent no {@code BigDecimal} holds, such as {@code 1e99999999999}.
   */
  static ParleyException outOfRange(NumberFormatException e, String what) {
    return new ParleyException(ErrorCode.BAD_REQUEST, what + " has a number out of range", e);
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

  /** A short reason for a syntax error, with its line and column, without Java names. */
  static String reason(JacksonException e) {
    String m = String.valueOf(e.getOriginalMessage());
    String reason;
    if (m.contains("end-of-input")) {
      reason = "unexpected end of input";
    } else if (m.startsWith("Invalid UTF-8")) {
      reason = "invalid UTF-8";
    } else {
      int cut = indexOfAny(m, "\n", " (start marker", " at [Source");
      reason = (cut >= 0 ? m.substring(0, cut) : m).replace('`', '\'');
      reason = reason.isEmpty() ? "syntax error" : Character.toLowerCase(reason.charAt(0))
          + reason.substring(1);
      if (reason.length() > MAX_REASON_CHARS) {
        reason = reason.substring(0, MAX_REASON_CHARS) + "…";
      }
    }
    TokenStreamLocation at = e.getLocation();
    if (at != null && at.getLineNr() > 0) {
      reason += " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }
    return reason;
  }

  private static int indexOfAny(String s, String... needles) {
    int best = -1;
    for (String n : needles) {
      int i = s.indexOf(n);
      if (i >= 0 && (best < 0 || i < best)) {
        best = i;
      }
    }
    return best;
  }
}
