package dev.parley.internal.json;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;

/**
 * The JSON text that failed to parse, as Parley's error messages look at it: at the offsets
 * Jackson's locations count (bytes in UTF-8 input, chars in a string), so that a message can name
 * what stands where the parser stopped rather than repeat the parser's own words.
 */
sealed interface Source permits Source.Bytes, Source.Chars, Source.Unknown {

  /** No text: a tree, whose reading never fails on syntax. */
  Source NONE = new Unknown();

  static Source of(byte[] utf8) {
    return new Bytes(utf8);
  }

  static Source of(String text) {
    return new Chars(text);
  }

  /** The offset {@code at} points to, in this text's units; negative when unknown. */
  long offset(TokenStreamLocation at);

  /** A parser of the text made by {@code factory}, or {@code null} when the text is not at hand. */
  @Nullable JsonParser parser(JsonFactory factory);

  /** The length of the text in its units. */
  int length();

  /** The ASCII character at {@code i}, or -1 when there is none or it is not ASCII. */
  int ascii(int i);

  /** The code point that starts at, or spans, {@code i}. */
  int codePoint(int i);

  /** The offset of the first byte that is not valid UTF-8, or -1 when all are (or for chars). */
  default int firstInvalidUtf8() {
    return -1;
  }

  /** Whether arrays and objects nest deeper than {@code max} levels anywhere outside strings. */
  default boolean nestsDeeperThan(int max) {
    int depth = 0;
    boolean inString = false;
    for (int i = 0, n = length(); i < n; i++) {
      int c = ascii(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '[' || c == '{') {
        if (++depth > max) {
          return true;
        }
      } else if (c == ']' || c == '}') {
        depth--;
      }
    }
    return false;
  }

  /** UTF-8 bytes, counted by byte. */
  record Bytes(byte[] utf8) implements Source {
    @Override
    public long offset(TokenStreamLocation at) {
      return at.getByteOffset();
    }

    @Override
    public JsonParser parser(JsonFactory factory) {
      return factory.createParser(ObjectReadContext.empty(), utf8);
    }

    @Override
    public int length() {
      return utf8.length;
    }

    @Override
    public int ascii(int i) {
      return i >= 0 && i < utf8.length && utf8[i] >= 0 ? utf8[i] : -1;
    }

    @Override
    public int codePoint(int i) {
      int start = i;
      while (start > 0 && start > i - 3 && (utf8[start] & 0xC0) == 0x80) {
        start--; // back to the lead byte of a character Jackson points into
      }
      return new String(utf8, start, Math.min(4, utf8.length - start), StandardCharsets.UTF_8)
          .codePointAt(0);
    }

    @Override
    public int firstInvalidUtf8() {
      int i = 0;
      while (i < utf8.length) {
        int b = utf8[i] & 0xFF;
        int more;
        int low = 0x80;
        int high = 0xBF;
        if (b < 0x80) {
          i++;
          continue;
        } else if (b >= 0xC2 && b <= 0xDF) {
          more = 1;
        } else if (b >= 0xE0 && b <= 0xEF) {
          more = 2;
          low = b == 0xE0 ? 0xA0 : 0x80; // no overlong forms
          high = b == 0xED ? 0x9F : 0xBF; // no surrogates
        } else if (b >= 0xF0 && b <= 0xF4) {
          more = 3;
          low = b == 0xF0 ? 0x90 : 0x80;
          high = b == 0xF4 ? 0x8F : 0xBF; // nothing beyond U+10FFFF
        } else {
          return i;
        }
        for (int k = 1; k <= more; k++) {
          int next = i + k < utf8.length ? utf8[i + k] & 0xFF : -1;
          if (next < (k == 1 ? low : 0x80) || next > (k == 1 ? high : 0xBF)) {
            return i;
          }
        }
        i += more + 1;
      }
      return -1;
    }
  }

  /** A string, counted by char. */
  record Chars(String text) implements Source {
    @Override
    public long offset(TokenStreamLocation at) {
      return at.getCharOffset();
    }

    @Override
    public JsonParser parser(JsonFactory factory) {
      return factory.createParser(ObjectReadContext.empty(), text);
    }

    @Override
    public int length() {
      return text.length();
    }

    @Override
    public int ascii(int i) {
      return i >= 0 && i < text.length() && text.charAt(i) < 0x80 ? text.charAt(i) : -1;
    }

    @Override
    public int codePoint(int i) {
      int start = i > 0 && Character.isLowSurrogate(text.charAt(i)) ? i - 1 : i;
      return text.codePointAt(start);
    }
  }

  /** Text that is not at hand. */
  final class Unknown implements Source {
    @Override
    public long offset(TokenStreamLocation at) {
      return -1;
    }

    @Override
    public @Nullable JsonParser parser(JsonFactory factory) {
      return null;
    }

    @Override
    public int length() {
      return 0;
    }

    @Override
    public int ascii(int i) {
      return -1;
    }

    @Override
    public int codePoint(int i) {
      return -1;
    }
  }
}
