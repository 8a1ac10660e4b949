package dev.parley.benchmarks;

import dev.parley.Channel;
import dev.parley.ClientProcedure;
import dev.parley.Contract;
import dev.parley.Mutation;
import dev.parley.Parley;
import dev.parley.Query;
import dev.parley.Shared;
import dev.parley.Subscription;

/**
 * The contract of the round-trip benchmark ({@code run.sh rtt}), one exchange per kind, each
 * carrying a {@link Stamp}. {@code echo}, {@code say} and {@code said} are served alike by {@link
 * RoundTripServer} and by tRPC's {@code peers/trpc/rtt-server.mjs}; the channel and the client
 * procedure are Parley's only, and are compared with the nearest thing tRPC has.
 */
public final class RoundTripContract {
  private RoundTripContract() {}

  /** A chat room, one per benchmark connection. */
  public record Room(String room) {}

  /** A stamp said in a room. */
  public record Said(String room, long t) {}

  /** How long the server drives client-procedure calls. */
  public record Seconds(int seconds) {}

  /**
   * What the server measured of the client-procedure calls it drove: answered calls, failed
   * ones, and the round trip's quantiles in milliseconds.
   */
  public record Driven(long calls, long failed, double seconds, double p50Ms, double p99Ms) {}

  /** Answers its input: a request and its answer on one WebSocket. */
  public static final Query<Shared, Stamp, Stamp> ECHO =
      Parley.query("echo").input(Stamp.class).output(Stamp.class);

  /** Tells the subscribers of the room (tRPC's chat: a mutation in, a subscription out). */
  public static final Mutation<Shared, Said, Void> SAY = Parley.mutation("say").input(Said.class);

  /** What is said in a room from now on. */
  public static final Subscription<Shared, Room, Stamp> SAID =
      Parley.subscription("said").input(Room.class).output(Stamp.class);

  /** Covenant's chat as a channel: what a client sends comes back to its room's connections. */
  public static final Channel<Shared, Room, Void, Room, Stamp, Stamp> ROOM =
      Parley.channel("room").params(Room.class).connect(Void.class, Room.class)
          .clientMessage(Stamp.class).serverMessage(Stamp.class);

  /** A client procedure answering its input, which the server calls. */
  public static final ClientProcedure<Shared, Stamp, Stamp> PONG =
      Parley.clientProcedure("pong").input(Stamp.class).output(Stamp.class);

  /**
   * Calls {@code pong} on every connection for {@code seconds}, one call at a time per
   * connection, and says how it went.
   */
  public static final Mutation<Shared, Seconds, Driven> DRIVE =
      Parley.mutation("drive").input(Seconds.class).output(Driven.class);

  /** All of the above. */
  public static final Contract CONTRACT = Contract.of(ECHO, SAY, SAID, ROOM, PONG, DRIVE);
}
