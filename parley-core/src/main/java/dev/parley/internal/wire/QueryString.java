package dev.parley.internal.wire;

import org.jspecify.annotations.Nullable;

/**
 * The query parameters of tRPC's wire, {@code batch=1}, {@code input} (URL-encoded JSON) and a
 * subscription's {@code lastEventId} (also spelled {@code Last-Event-Id}), read from a raw query
 * string without regular expressions. Other parameters are ignored.
 *
 * @param batch the raw value of {@code batch}, {@code null} when absent
 * @param input the raw (still URL-encoded) value of {@code input}, {@code null} when absent
 * @param repeated the name of a tRPC parameter given more than once, {@code null} when none is
 * @param lastEventId the raw (still URL-encoded) last event id, {@code null} when absent
 */
public record QueryString(@Nullable String batch, @Nullable String input,
    @Nullable String repeated, @Nullable String lastEventId) {
  /** The parameter that marks a batch: {@value}. */
  public static final String BATCH = "batch=1";
  /** The parameter that carries the input, before its URL-encoded JSON: {@value}. */
  public static final String INPUT = "input=";

  private static final QueryString NONE = new QueryString(null, null, null, null);

  /** Whether this is a batch: {@code batch=1}, exactly. */
  public boolean isBatch() {
    return "1".equals(batch);
  }

  /** Reads {@code query}, the part of a URL after {@code ?}. */
  public static QueryString parse(String query) {
    if (query.isEmpty()) {
      return NONE;
    }
    String batch = null;
    String input = null;
    String repeated = null;
    String lastEventId = null;
    int start = 0;
    int n = query.length();
    while (start <= n) {
      int amp = query.indexOf('&', start);
      int end = amp < 0 ? n : amp;
      if (query.startsWith(INPUT, start)) {
        repeated = input != null ? "input" : repeated;
        input = query.substring(start + INPUT.length(), end);
      } else if (query.startsWith("batch=", start)) {
        repeated = batch != null ? "batch" : repeated;
        batch = query.substring(start + 6, end);
      } else if (query.startsWith("lastEventId=", start)
          || query.startsWith("Last-Event-Id=", start)) {
        repeated = lastEventId != null ? "lastEventId" : repeated;
        lastEventId = query.substring(query.indexOf('=', start) + 1, end);
      }
      start = end + 1;
    }
    return new QueryString(batch, input, repeated, lastEventId);
  }
}
