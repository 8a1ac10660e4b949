package dev.parley.internal.wire;

import dev.parley.ErrorCode;
import dev.parley.ParleyException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Percent-encoding of a URL's query and path: encoding as JavaScript's {@code encodeURIComponent}
 * does (letters, digits and {@code -_.!~*'()} stay, every other UTF-8 byte becomes {@code %XX}),
 * decoding ({@code %XX} and {@code +}) to raw bytes, so that invalid UTF-8 is seen, not hidden.
 */
public final class Percent {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();
  private static final boolean[] KEEP = new boolean[128];
  private static final boolean[] QUERY = new boolean[128];

  static {
    for (char c = 'a'; c <= 'z'; c++) {
      KEEP[c] = true;
      KEEP[Character.toUpperCase(c)] = true;
    }
    for (char c = '0'; c <= '9'; c++) {
      KEEP[c] = true;
    }
    for (char c : "-_.!~*'()".toCharArray()) {
      KEEP[c] = true;
    }
    System.arraycopy(KEEP, 0, QUERY, 0, KEEP.length);
    for (char c : "$&+,;=:@/?".toCharArray()) {
      QUERY[c] = true;
    }
  }

  private Percent() {}

  /** {@code utf8} percent-encoded as {@code encodeURIComponent} would. */
  public static String encode(byte[] utf8) {
    StringBuilder out = new StringBuilder(utf8.length + (utf8.length >> 1));
    for (byte b : utf8) {
      int c = b & 0xFF;
      if (c < 128 && KEEP[c]) {
        out.append((char) c);
      } else {
        out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
    return out.toString();
  }

  /**
   * The bytes {@code s} encodes.
   *
   * @throws ParleyException PARSE_ERROR for a broken escape, PAYLOAD_TOO_LARGE over {@code maxBytes}
   */
  public static byte[] decode(String s, int maxBytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(s.length(), maxBytes) + 1);
    int n = s.length();
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c == '%') {
        int hi = i + 2 < n ? Character.digit(s.charAt(i + 1), 16) : -1;
        int lo = hi >= 0 ? Character.digit(s.charAt(i + 2), 16) : -1;
        if (lo < 0) {
          throw new ParleyException(ErrorCode.PARSE_ERROR, "input is not valid URL encoding");
        }
        out.write((hi << 4) | lo);
        i += 2;
      } else if (c == '+') {
        out.write(' ');
      } else if (c < 0x80) {
        out.write(c);
      } else {
        int end = Character.isHighSurrogate(c) && i + 1 < n ? i + 2 : i + 1;
        out.writeBytes(s.substring(i, end).getBytes(StandardCharsets.UTF_8));
        i = end - 1;
      }
      if (out.size() > maxBytes) {
        throw new ParleyException(ErrorCode.PAYLOAD_TOO_LARGE,
            "input is larger than " + maxBytes + " bytes");
      }
    }
    return out.toByteArray();
  }

  /**
   * Whether {@code s} is a URL-encoded query value: only characters a URI's query may hold (letters,
   * digits, {@code -._~!$&'()*+,;=:@/?} and {@code %}, whose escapes {@link #decode} checks).
   * JSON written into a URL as it is ({@code {"a":1}}) is not.
   */
  public static boolean isEncoded(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 128 || (c != '%' && !QUERY[c])) {
        return false;
      }
    }
    return true;
  }

  /** {@code s} decoded as UTF-8 text, e.g. a path; unchanged when it has no escape. */
  public static String decodeText(String s, int maxBytes) {
    return s.indexOf('%') < 0 ? s : new String(decode(s, maxBytes), StandardCharsets.UTF_8);
  }
}
