package dev.parley.examples.live;

import dev.parley.Contract;
import dev.parley.Parley;
import dev.parley.Query;
import dev.parley.Shared;
import dev.parley.Subscription;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/**
 * The demo's subscriptions that are not the chat's: {@code ticker}, a finite, resumable count, and
 * {@code slow}, an endless one whose live subscribers {@code slow.active} counts. A tRPC v11
 * server can serve the same procedures, so the two compare call for call.
 */
public final class LiveApi {
  private LiveApi() {}

  /** The largest {@code |from|} of {@link TickerInput}: {@value} (10^12). */
  public static final long MAX_FROM = 1_000_000_000_000L;

  /** The most values one {@code ticker} subscription asks for: {@value}. */
  public static final int MAX_COUNT = 1000;

  /** The longest pause between two values of {@code ticker}, in milliseconds: {@value}. */
  public static final int MAX_INTERVAL_MS = 60_000;

  /**
   * What {@code ticker} counts.
   *
   * @param from the first number, {@code |from| ≤ 10^12}
   * @param count how many numbers, 1 to {@value #MAX_COUNT}
   * @param intervalMs the pause between two numbers (none before the first), 0 to {@value
   *     #MAX_INTERVAL_MS} milliseconds
   */
  public record TickerInput(
      @Min(-MAX_FROM) @Max(MAX_FROM) long from,
      @Min(1) @Max(MAX_COUNT) int count,
      @Min(0) @Max(MAX_INTERVAL_MS) int intervalMs) {}

  /**
   * One number of {@code ticker} or {@code slow}.
   *
   * @param n the number
   */
  public record Tick(long n) {}

  /**
   * Emits {@code {n}} for n = from … from+count−1, each tracked by the event id {@code String(n)},
   * {@code intervalMs} apart, then completes. Resumed after the id k, it starts at max(from, k+1);
   * a last event id that is not a decimal integer is {@code BAD_REQUEST}.
   */
  public static final Subscription<Shared, TickerInput, Tick> TICKER =
      Parley.subscription("ticker").input(TickerInput.class).output(Tick.class)
          .description("Counts from `from`, `count` numbers, `intervalMs` apart; resumable.");

  /** Emits {@code {n}} for n = 0, 1, 2 … one a second, until the subscriber stops. */
  public static final Subscription<Shared, Void, Tick> SLOW =
      Parley.subscription("slow").output(Tick.class)
          .description("Counts from 0, one number a second, forever.");

  /** How many {@code slow} subscriptions are live now. */
  public static final Query<Shared, Void, Integer> SLOW_ACTIVE =
      Parley.query("slow.active").output(Integer.class)
          .description("How many `slow` subscriptions are live now.");

  /** The contract of these procedures. */
  public static final Contract CONTRACT = Contract.of(TICKER, SLOW, SLOW_ACTIVE);
}
