package dev.parley.examples.live;

import dev.parley.examples.live.LiveApi.Tick;
import dev.parley.examples.live.LiveApi.TickerInput;
import dev.parley.server.Sink;
import java.math.BigInteger;

/** The handler of {@link LiveApi#TICKER}. */
public final class Ticker {
  private Ticker() {}

  /**
   * Sends {@code in.count()} numbers from {@code in.from()}, each tracked by its decimal string,
   * {@code in.intervalMs()} apart, starting after the sink's last event id when it has one.
   *
   * @throws dev.parley.ParleyException {@code BAD_REQUEST} when the last event id is not a decimal
   *     integer
   * @throws InterruptedException when the subscriber goes away during a pause
   */
  public static void run(TickerInput in, Sink<Tick> sink) throws InterruptedException {
    long end = in.from() + in.count(); // exclusive; |from| ≤ 10^12, so no overflow
    long first = in.from();
    if (sink.lastEventId().isPresent()) {
      BigInteger after = DecimalIds.parse(sink.lastEventId().get()).add(BigInteger.ONE);
      if (after.compareTo(BigInteger.valueOf(end)) >= 0) {
        first = end; // resumed after the last number: nothing is left
      } else if (after.compareTo(BigInteger.valueOf(first)) > 0) {
        first = after.longValueExact();
      }
    }
    for (long n = first; n < end; n++) {
      if (n > first && in.intervalMs() > 0) {
        Thread.sleep(in.intervalMs());
      }
      sink.next(Long.toString(n), new Tick(n));
    }
  }
}
