package dev.parley.benchmarks;

import dev.parley.Contract;
import dev.parley.Mutation;
import dev.parley.Parley;
import dev.parley.Query;
import dev.parley.Shared;
import dev.parley.Subscription;
import dev.parley.Topic;

/**
 * The contract of the WebSocket fan-out benchmark, served alike by {@link FanoutServer} and by
 * tRPC's {@code peers/trpc/ws-server.mjs}: every subscriber of {@code fanout} receives every value
 * given to {@code publish}. Parley's server can fan out through the topic {@code stamps} instead
 * ({@code parley.subscribe}), which tRPC has no counterpart of.
 */
public final class FanoutContract {
  private FanoutContract() {}

  /** Every value published from now on, tracked by its sequence number. */
  public static final Subscription<Shared, Void, Stamp> FANOUT =
      Parley.subscription("fanout").output(Stamp.class);

  /** Every value published from now on, as a topic without params (Parley's clients only). */
  public static final Topic<Shared, Void, Stamp> STAMPS =
      Parley.topic("stamps").message(Stamp.class);

  /** Sends one value to every subscriber of {@code fanout}. */
  public static final Mutation<Shared, Stamp, Void> PUBLISH =
      Parley.mutation("publish").input(Stamp.class);

  /** How many {@code fanout} handlers follow the feed now. */
  public static final Query<Shared, Void, Integer> FOLLOWERS =
      Parley.query("followers").output(Integer.class);

  /** The bytes of heap in use after a full garbage collection. */
  public static final Query<Shared, Void, Long> HEAP =
      Parley.query("heap").output(Long.class);

  /** All of the above. */
  public static final Contract CONTRACT = Contract.of(FANOUT, STAMPS, PUBLISH, FOLLOWERS, HEAP);
}
