package dev.parley.client.internal;

/**
 * Percent-encoding of UTF-8 bytes for a URL's query, as JavaScript's {@code encodeURIComponent}
 * does: letters, digits and {@code -_.!~*'()} stay, every other byte becomes {@code %XX}.
 */
final class Percent {
  private static final char[] HEX = "0123456789ABCDEF".toCharArray();
  private static final boolean[] KEEP = new boolean[128];

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
  }

  private Percent() {}

  static String encode(byte[] utf8) {
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
}
