package dev.parley.server;

import dev.parley.ParleyException;
import dev.parley.Procedure;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The built-in rate-limit middleware: a token bucket per caller and procedure. A call finds a token
 * or is answered {@code TOO_MANY_REQUESTS} with a {@code Retry-After} header saying when the next
 * token is due; buckets refill continuously.
 *
 * <pre>{@code
 * ParleyServer.builder(CONTRACT)
 *     .authenticate(tokens)
 *     .use(RateLimit.of(20, Duration.ofSeconds(1))          // 20 calls a second, bursts of 20
 *         .with(ChatApi.SAY, 5, Duration.ofSeconds(10)))    // say: 5 every 10 seconds
 *     .build();
 * }</pre>
 *
 * <p>The caller is, by default, its principal ({@link Identity#principal()}, by {@code toString()}),
 * else its remote address, else {@code local} for in-process calls; {@link #by} sets another key.
 * At most {@value #MAX_BUCKETS} buckets are kept: past that, the buckets that have refilled (idle
 * callers) are dropped. Instances are thread-safe; configure them before the server serves.
 */
public final class RateLimit implements Middleware<Object> {
  /** The most buckets kept at once before idle ones are dropped: {@value}. */
  public static final int MAX_BUCKETS = 100_000;

  private final Limit defaultLimit;
  private final Map<String, Limit> perProcedure;
  private final Function<Call, String> key;
  private final LongSupplier nanoTime;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  private RateLimit(Limit defaultLimit, Map<String, Limit> perProcedure, Function<Call, String> key,
      LongSupplier nanoTime) {
    this.defaultLimit = defaultLimit;
    this.perProcedure = Map.copyOf(perProcedure);
    this.key = key;
    this.nanoTime = nanoTime;
  }

  /**
   * A limit of {@code permits} calls per {@code period} for each caller and procedure, in bursts of
   * up to {@code permits}.
   *
   * @throws IllegalArgumentException when {@code permits} is not positive or {@code period} is not
   *     longer than zero
   */
  public static RateLimit of(int permits, Duration period) {
    return new RateLimit(new Limit(permits, period), Map.of(), RateLimit::defaultKey,
        System::nanoTime);
  }

  /** A copy with {@code permits} per {@code period} for {@code procedure} instead of the default. */
  public RateLimit with(Procedure<?, ?, ?> procedure, int permits, Duration period) {
    Map<String, Limit> limits = new HashMap<>(perProcedure);
    limits.put(procedure.name(), new Limit(permits, period));
    return new RateLimit(defaultLimit, limits, key, nanoTime);
  }

  /** A copy that tells callers apart by {@code key} (e.g. an API key's owner, a tenant). */
  public RateLimit by(Function<Call, String> key) {
    return new RateLimit(defaultLimit, perProcedure, Objects.requireNonNull(key, "key"), nanoTime);
  }

  /** A copy that reads time from {@code nanoTime}, for tests. */
  RateLimit ticking(LongSupplier nanoTime) {
    return new RateLimit(defaultLimit, perProcedure, key, nanoTime);
  }

  @Override
  public @Nullable Object intercept(Object ctx, Call call, Next<Object> next) throws Exception {
    Limit limit = perProcedure.getOrDefault(call.name(), defaultLimit);
    String id = key.apply(call) + '\u0000' + call.name();
    long now = nanoTime.getAsLong();
    Bucket bucket = buckets.get(id);
    if (bucket == null) {
      if (buckets.size() >= MAX_BUCKETS) {
        buckets.values().removeIf(b -> b.full(now));
      }
      bucket = buckets.computeIfAbsent(id, k -> new Bucket(limit, now));
    }
    long waitNanos = bucket.take(now);
    if (waitNanos > 0) {
      throw ParleyException.tooManyRequests(
          "Too many calls of \"" + call.name() + "\"; retry later", Duration.ofNanos(waitNanos));
    }
    return next.proceed(ctx);
  }

  private static String defaultKey(Call call) {
    Object principal = call.identity().principal();
    if (principal != null) {
      return "principal:" + principal;
    }
    InetSocketAddress remote = call.request().map(ParleyRequest::remoteAddress).orElse(null);
    return remote != null ? "address:" + remote.getAddress().getHostAddress() : "local";
  }

  @Override
  public String toString() {
    return "RateLimit[" + defaultLimit + (perProcedure.isEmpty() ? "" : ", " + perProcedure) + "]";
  }

  /** {@code permits} per {@code period}. */
  private record Limit(int permits, Duration period) {
    Limit {
      if (permits <= 0) {
        throw new IllegalArgumentException("permits: " + permits + " (expected: > 0)");
      }
      Objects.requireNonNull(period, "period");
      if (period.isZero() || period.isNegative()) {
        throw new IllegalArgumentException("period: " + period + " (expected: > 0)");
      }
    }

    double perNano() {
      return permits / (double) period.toNanos();
    }

    @Override
    public String toString() {
      return permits + " per " + period;
    }
  }

  /** One caller's tokens for one procedure. */
  private static final class Bucket {
    private final double capacity;
    private final double perNano;
    private double tokens;
    private long at;

    Bucket(Limit limit, long now) {
      this.capacity = limit.permits();
      this.perNano = limit.perNano();
      this.tokens = capacity;
      this.at = now;
    }

    /** Takes a token and returns 0, or returns the nanoseconds until one is due. */
    synchronized long take(long now) {
      refill(now);
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return Math.max(1, (long) Math.ceil((1 - tokens) / perNano));
    }

    synchronized boolean full(long now) {
      refill(now);
      return tokens >= capacity;
    }

    private void refill(long now) {
      if (now > at) {
        tokens = Math.min(capacity, tokens + (now - at) * perNano);
        at = now;
      }
    }
  }
}
