package dev.parley.client.internal;

import dev.parley.ErrorCode;
import dev.parley.client.ClientOptions;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to wait before the next attempt to reconnect: {@code reconnectDelay} doubled by each
 * failed attempt, at most {@code maxReconnectDelay}, and drawn at random between half of that and
 * the whole (jitter), so that clients dropped together come back spread out. Immutable.
 */
final class Backoff {
  private final long firstNanos;
  private final long maxNanos;

  Backoff(ClientOptions options) {
    this(options.reconnectDelay(), options.maxReconnectDelay());
  }

  Backoff(Duration first, Duration max) {
    this.firstNanos = first.toNanos();
    this.maxNanos = max.toNanos();
  }

  /**
   * Whether a subscription that failed with {@code code} is subscribed again rather than ended: the
   * codes tRPC's clients retry ({@code retryableRpcCodes}), which a server answers when it, or a
   * proxy before it, cannot serve now (a replay window that lost a slow follower included).
   */
  static boolean retryable(ErrorCode code) {
    return switch (code) {
      case SERVICE_UNAVAILABLE, BAD_GATEWAY, GATEWAY_TIMEOUT, INTERNAL_SERVER_ERROR -> true;
      default -> false;
    };
  }

  /** The ceiling of the wait before attempt {@code attempt} (0 for the first): no jitter. */
  long ceilingNanos(int attempt) {
    long d = firstNanos;
    for (int i = 0; i < attempt && d < maxNanos; i++) {
      d = d > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : d * 2;
    }
    return Math.min(d, maxNanos);
  }

  /** The wait before attempt {@code attempt}: between half its ceiling and the whole. */
  long delayNanos(int attempt) {
    long ceiling = ceilingNanos(attempt);
    long half = ceiling / 2;
    return half + ThreadLocalRandom.current().nextLong(ceiling - half + 1);
  }

  /**
   * The wait before attempt {@code attempt} when the server advised waiting {@code retryAfter}:
   * the larger of the two, the advice at most {@code maxReconnectDelay}.
   */
  long delayNanos(int attempt, Duration retryAfter) {
    long advised = Math.min(retryAfter.toNanos(), maxNanos);
    return Math.max(delayNanos(attempt), advised);
  }
}
