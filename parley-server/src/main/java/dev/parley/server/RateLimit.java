package dev.parley.server;

import dev.parley.ParleyException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The built-in rate-limit middleware: a token bucket per caller and procedure (or channel, topic,
 * client event: per {@link Call#name()}, a channel's connects and messages sharing one). A call
 * finds a token or is answered {@code TOO_MANY_REQUESTS} with a {@code Retry-After} header saying
 * when the next token is due; buckets refill continuously. Attach it to the whole server or to a procedure base,
 * as tRPC apps make a {@code moderateProcedure}:
 *
 * <pre>{@code
 * var server = ParleyServer.builder(CONTRACT).authenticate(tokens)
 *     .use(RateLimit.of(20, Duration.ofSeconds(1)))                  // 20 calls a second each
 *     .build();
 * Procedures<Identity<User>> moderated =
 *     server.procedures().use(RateLimit.of(5, Duration.ofSeconds(10))); // and 5 every 10 s here
 * moderated.implement(ChatApi.SAY, (ctx, in) -> room.post(ctx, in.text()));
 * }</pre>
 *
 * <p>The caller is, by default, its principal ({@link Identity#principal()}, by {@code toString()}),
 * else its remote address, else {@code local} for in-process calls; {@link #of(int, Duration,
 * Function)} takes another key.
 * At most {@value #MAX_BUCKETS} buckets are kept: past that, the buckets that have refilled (idle
 * callers) are dropped. Each instance keeps its own buckets. Instances are thread-safe.
 *
 * @param <C> the context type of the chain it is attached to; it does not read the context
 */
public final class RateLimit<C> implements Middleware<C, C> {
  /** The most buckets kept at once before idle ones are dropped: {@value}. */
  public static final int MAX_BUCKETS = 100_000;

  private final Limit limit;
  private final Function<Call, String> key;
  private final LongSupplier nanoTime;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  private RateLimit(Limit limit, Function<Call, String> key, LongSupplier nanoTime) {
    this.limit = limit;
    this.key = key;
    this.nanoTime = nanoTime;
  }

  /**
   * A limit of {@code permits} calls per {@code period} for each caller and procedure, in bursts of
   * up to {@code permits}; the caller is its principal, else its remote address, else {@code local}.
   *
   * @throws IllegalArgumentException when {@code permits} is not positive or {@code period} is not
   *     longer than zero
   */
  public static <C> RateLimit<C> of(int permits, Duration period) {
    return of(permits, period, RateLimit::defaultKey);
  }

  /**
   * A limit of {@code permits} calls per {@code period} for each key and procedure, the key of a
   * call being what {@code key} says (e.g. an API key's owner, a tenant).
   *
   * @throws IllegalArgumentException when {@code permits} is not positive or {@code period} is not
   *     longer than zero
   */
  public static <C> RateLimit<C> of(int permits, Duration period, Function<Call, String> key) {
    return new RateLimit<>(new Limit(permits, period), Objects.requireNonNull(key, "key"),
        System::nanoTime);
  }

  /** How many buckets are kept, for tests. */
  int buckets() {
    return buckets.size();
  }

  /** A copy that reads time from {@code nanoTime}, for tests. */
  RateLimit<C> ticking(LongSupplier nanoTime) {
    return new RateLimit<>(limit, key, nanoTime);
  }

  @Override
  public Result intercept(C ctx, Call call, Next<C> next) throws Exception {
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
    return "RateLimit[" + limit + "]";
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
