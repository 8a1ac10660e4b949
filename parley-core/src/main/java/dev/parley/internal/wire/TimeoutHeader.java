package dev.parley.internal.wire;

import dev.parley.ErrorCode;
import dev.parley.ParleyException;
import java.util.concurrent.TimeUnit;

/**
 * The caller's remaining deadline on an HTTP request, as gRPC sends its {@code grpc-timeout}: the
 * header {@value #NAME} with at most 8 digits and a unit, {@code H} hours, {@code M} minutes,
 * {@code S} seconds, {@code m} milliseconds, {@code u} microseconds, {@code n} nanoseconds, e.g.
 * {@code 2500m}. The server runs the call for the smaller of its own timeout and this one.
 */
public final class TimeoutHeader {
  /** The header's name: {@value}. */
  public static final String NAME = "parley-timeout";

  private static final long MAX_VALUE = 99_999_999;

  private TimeoutHeader() {}

  /** {@code nanos} (> 0) as the header's value, rounded up to the unit that fits 8 digits. */
  public static String format(long nanos) {
    if (nanos <= 0) {
      throw new IllegalArgumentException("nanos: " + nanos + " (expected: > 0)");
    }
    char[] units = {'n', 'u', 'm', 'S', 'M', 'H'};
    long[] sizes = {1, 1_000, 1_000_000, 1_000_000_000L, 60_000_000_000L, 3_600_000_000_000L};
    for (int i = 0; i < units.length; i++) {
      long value = nanos / sizes[i] + (nanos % sizes[i] == 0 ? 0 : 1);
      if (value <= MAX_VALUE) {
        return value + String.valueOf(units[i]);
      }
    }
    return MAX_VALUE + "H";
  }

  /**
   * The nanoseconds a header value stands for.
   *
   * @throws ParleyException {@code BAD_REQUEST} when it is not 1 to 8 digits and a unit
   */
  public static long parse(String value) {
    int n = value.length();
    if (n < 2 || n > 9) {
      throw malformed(value);
    }
    long amount = 0;
    for (int i = 0; i < n - 1; i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        throw malformed(value);
      }
      amount = amount * 10 + (c - '0');
    }
    TimeUnit unit = switch (value.charAt(n - 1)) {
      case 'H' -> TimeUnit.HOURS;
      case 'M' -> TimeUnit.MINUTES;
      case 'S' -> TimeUnit.SECONDS;
      case 'm' -> TimeUnit.MILLISECONDS;
      case 'u' -> TimeUnit.MICROSECONDS;
      case 'n' -> TimeUnit.NANOSECONDS;
      default -> throw malformed(value);
    };
    return unit.toNanos(amount);
  }

  private static ParleyException malformed(String value) {
    return new ParleyException(ErrorCode.BAD_REQUEST, "Header " + NAME + ": \"" + value
        + "\" (expected: 1 to 8 digits and a unit H, M, S, m, u or n, e.g. 2500m)");
  }
}
