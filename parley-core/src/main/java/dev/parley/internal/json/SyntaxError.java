package dev.parley.internal.json;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.exc.UnexpectedEndOfInputException;

/**
 * Parley's words for JSON that does not parse, chosen from the exception's type, its location and
 * the {@link Source text} at that location, never from Jackson's message: {@code unexpected end of
 * input}, {@code invalid UTF-8}, {@code NaN and Infinity are not numbers in JSON}, {@code duplicate
 * property "a"}, {@code comments are not allowed}, {@code unexpected word 'nul'}, else {@code
 * unexpected character 'x'}; each with its line and column when known.
 */
final class SyntaxError {
  /** The most characters of an unexpected word or a property name that a message repeats. */
  private static final int MAX_WORD_CHARS = 32;

  /** The codec's parser, but for duplicate properties, which it refuses, to tell them apart. */
  private static final JsonFactory DUPLICATES_ALLOWED = JsonFactory.builder()
      .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
      .build();

  private SyntaxError() {}

  /** Why {@code input} does not parse, as Jackson found at {@code e}'s location. */
  static String reason(StreamReadException e, Source input) {
    TokenStreamLocation location = e.getLocation();
    long at = location == null ? -1 : input.offset(location);
    int column = location == null ? 0 : location.getColumnNr();
    int i = (int) Math.min(at, Integer.MAX_VALUE);
    int invalid = input.firstInvalidUtf8();
    String reason;
    if (invalid >= 0 && (at < 0 || invalid <= at)) {
      reason = "invalid UTF-8"; // an invalid sequence can also carry the parser to the end
    } else if (e instanceof UnexpectedEndOfInputException) {
      reason = "unexpected end of input";
    } else if (at < 0) {
      reason = "not well-formed";
    } else if (isNonNumber(word(input, i)) || isNonNumber(wordBefore(input, i))) {
      reason = "NaN and Infinity are not numbers in JSON"; // Jackson stops after them
    } else if (at >= input.length()) {
      reason = "unexpected end of input";
    } else if (input.ascii(i - 1) == '+' && !isExponent(input.ascii(i - 2))) {
      reason = "unexpected character " + shown('+'); // Jackson stops after a leading plus
      column--;
    } else {
      reason = atCharacter(input, i);
    }
    if (location != null && location.getLineNr() > 0 && column > 0) {
      reason += " (line " + location.getLineNr() + ", column " + column + ")";
    }
    return reason;
  }

  /** Why {@code input} does not parse at {@code i}, which stands inside it. */
  private static String atCharacter(Source input, int i) {
    String duplicate = duplicate(input, i);
    if (duplicate != null) {
      return "duplicate property " + quote(duplicate);
    }
    if (input.ascii(i) == '/' && (input.ascii(i + 1) == '/' || input.ascii(i + 1) == '*')) {
      return "comments are not allowed";
    }
    String word = word(input, i);
    if (Character.isLetter(input.ascii(i)) && word.length() > 1) {
      return "unexpected word '"
          + (word.length() > MAX_WORD_CHARS ? word.substring(0, MAX_WORD_CHARS) + "…" : word) + "'";
    }
    return "unexpected character " + shown(input.codePoint(i));
  }

  /**
   * The name of the property that appears twice in one object, when that is what stopped the
   * codec's parser at {@code at}: the same text then parses past {@code at} with duplicates
   * allowed. Else {@code null}.
   */
  private static @Nullable String duplicate(Source input, long at) {
    String name = null;
    try (JsonParser p = input.parser(DUPLICATES_ALLOWED)) {
      if (p == null) {
        return null;
      }
      for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
        if (input.offset(p.currentTokenLocation()) >= at) {
          return name;
        }
        name = t == JsonToken.PROPERTY_NAME ? p.currentName() : null;
      }
      return name;
    } catch (JacksonException e) {
      return e.getLocation() != null && input.offset(e.getLocation()) > at ? name : null;
    }
  }

  /** {@code name} in double quotes, cut to {@value #MAX_WORD_CHARS} characters. */
  private static String quote(String name) {
    String shown = name.length() > MAX_WORD_CHARS ? name.substring(0, MAX_WORD_CHARS) + "…" : name;
    return '"' + shown.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  /** The ASCII letters, digits and underscores from {@code i} on, one more than shown at most. */
  private static String word(Source input, int i) {
    StringBuilder b = new StringBuilder();
    for (int c = input.ascii(i); isWordChar(c) && b.length() <= MAX_WORD_CHARS; c = input.ascii(++i)) {
      b.append((char) c);
    }
    return b.toString();
  }

  /** The ASCII letters just before {@code i}, with a sign before them. */
  private static String wordBefore(Source input, int i) {
    int start = i;
    while (start > 0 && Character.isLetter(input.ascii(start - 1)) && i - start < MAX_WORD_CHARS) {
      start--;
    }
    int sign = input.ascii(start - 1);
    if (sign == '-' || sign == '+') {
      start--;
    }
    StringBuilder b = new StringBuilder();
    for (int k = start; k < i; k++) {
      b.append((char) input.ascii(k));
    }
    return b.toString();
  }

  private static boolean isNonNumber(String word) {
    String unsigned = word.startsWith("-") || word.startsWith("+") ? word.substring(1) : word;
    return unsigned.equals("NaN") || unsigned.equals("Infinity");
  }

  private static boolean isWordChar(int c) {
    return c >= 0 && (Character.isLetterOrDigit(c) || c == '_');
  }

  private static boolean isExponent(int c) {
    return c == 'e' || c == 'E';
  }

  /** A character as a message shows it: quoted when visible, else by its code point. */
  static String shown(int codePoint) {
    if (codePoint == '\'') {
      return "\"'\"";
    }
    boolean visible = codePoint > ' ' && !Character.isISOControl(codePoint)
        && !Character.isWhitespace(codePoint) && Character.isDefined(codePoint);
    return visible
        ? "'" + new String(Character.toChars(codePoint)) + "'"
        : String.format("U+%04X", codePoint);
  }
}
