package dev.parley.server.internal;

import dev.parley.ErrorCode;
import dev.parley.ParleyException;
import java.nio.charset.StandardCharsets;

/** URL decoding ({@code %XX} and {@code +}) to raw bytes, so that invalid UTF-8 is seen, not hidden. */
final class Percent {
  private Percent() {}

  /**
   * The bytes {@code s} encodes.
   *
   * @throws ParleyException PARSE_ERROR for a broken escape, PAYLOAD_TOO_LARGE over {@code maxBytes}
   */
  static byte[] decode(String s, int maxBytes) {
    ByteSink out = new ByteSink(Math.min(s.length(), maxBytes) + 1);
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
        out.write(s.substring(i, end).getBytes(StandardCharsets.UTF_8));
        i = end - 1;
      }
      if (out.size() > maxBytes) {
        throw new ParleyException(ErrorCode.PAYLOAD_TOO_LARGE,
            "input is larger than " + maxBytes + " bytes");
      }
    }
    return out.toByteArray();
  }

  /** {@code s} decoded as UTF-8 text, e.g. a path; unchanged when it has no escape. */
  static String decodeText(String s, int maxBytes) {
    return s.indexOf('%') < 0 ? s : new String(decode(s, maxBytes), StandardCharsets.UTF_8);
  }
}
