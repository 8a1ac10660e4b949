package dev.parley.server.internal;

import org.jspecify.annotations.Nullable;

/**
 * The two query parameters of tRPC's wire, read from a raw query string without regular
 * expressions: {@code batch=1} and {@code input} (still URL-encoded). Other parameters are ignored.
 */
record QueryParams(boolean batch, @Nullable String input) {
  private static final QueryParams NONE = new QueryParams(false, null);

  static QueryParams parse(String query) {
    if (query.isEmpty()) {
      return NONE;
    }
    boolean batch = false;
    String input = null;
    int start = 0;
    int n = query.length();
    while (start <= n) {
      int amp = query.indexOf('&', start);
      int end = amp < 0 ? n : amp;
      if (query.startsWith("input=", start)) {
        input = query.substring(start + 6, end);
      } else if (end - start == 7 && query.startsWith("batch=1", start)) {
        batch = true;
      }
      start = end + 1;
    }
    return new QueryParams(batch, input);
  }
}
