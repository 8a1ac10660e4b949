package dev.parley.examples.live;

import dev.parley.server.Procedures;
import java.util.Objects;

/** Implements {@link LiveApi}: {@link Ticker} and a {@link SlowFeed}. */
public final class LiveServer {
  private LiveServer() {}

  /** Implements the procedures of {@link LiveApi} on {@code procedures}, {@code slow} counting. */
  public static <C> void implement(Procedures<C> procedures, SlowFeed slow) {
    Objects.requireNonNull(slow, "slow");
    procedures.implement(LiveApi.TICKER, (ctx, in, sink) -> Ticker.run(in, sink));
    procedures.implement(LiveApi.SLOW, (ctx, in, sink) -> slow.run(sink));
    procedures.implement(LiveApi.SLOW_ACTIVE, (ctx, in) -> slow.active());
  }
}
