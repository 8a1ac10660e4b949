package dev.parley.benchmarks;

import dev.parley.benchmarks.RoundTripContract.Driven;
import dev.parley.jetty.JettyTransport;
import dev.parley.server.Connection;
import dev.parley.server.ParleyServer;
import dev.parley.server.ServerOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Parley's side of the round-trip benchmark ({@code run.sh rtt}): {@link RoundTripContract} on
 * {@link JettyTransport} at 127.0.0.1, base path {@code /}. {@code say} hands its stamp to each
 * {@code said} subscriber of the room through a queue its handler follows (as tRPC's handler
 * follows an EventEmitter); the channel {@code room} sends what a client says to its room's
 * connections; {@code drive} calls the client procedure {@code pong} on every connection, one call
 * at a time per connection, and measures each round trip on the server.
 */
public final class RoundTripServer {
  private RoundTripServer() {}

  /** A server of {@link RoundTripContract}, not yet serving. */
  public static ParleyServer<?> create() {
    ParleyServer<?> server = ParleyServer.builder(RoundTripContract.CONTRACT)
        .options(ServerOptions.builder().socketFramesPerSecond(FanoutServer.FRAMES_PER_SECOND)
            .requestTimeout(Duration.ofMinutes(5)).build())
        .build();
    Map<String, Set<BlockingQueue<Stamp>>> rooms = new ConcurrentHashMap<>();
    server.implement(RoundTripContract.ECHO, (ctx, in) -> in);
    server.implement(RoundTripContract.SAID, (ctx, in, sink) -> {
      BlockingQueue<Stamp> mine = new LinkedBlockingQueue<>();
      Set<BlockingQueue<Stamp>> room =
          rooms.computeIfAbsent(in.room(), r -> ConcurrentHashMap.newKeySet());
      room.add(mine);
      try {
        while (true) {
          sink.next(mine.take());
        }
      } finally {
        room.remove(mine);
      }
    });
    server.implement(RoundTripContract.SAY, (ctx, in) -> {
      Stamp stamp = new Stamp(in.t());
      for (BlockingQueue<Stamp> q : rooms.getOrDefault(in.room(), Set.of())) {
        q.add(stamp);
      }
      return null;
    });
    server.channel(RoundTripContract.ROOM)
        .onConnect((ctx, room, request) -> room)
        .onMessage((ctx, room, context, stamp) -> server.send(RoundTripContract.ROOM, room, stamp));
    server.implement(RoundTripContract.DRIVE, (ctx, in) -> drive(server, in.seconds()));
    server.assertAllImplemented();
    return server;
  }

  /** Calls {@code pong} on every connection that registered it, for {@code seconds}. */
  private static Driven drive(ParleyServer<?> server, int seconds) throws InterruptedException {
    long start = System.nanoTime();
    long end = start + seconds * 1_000_000_000L;
    List<Loop> loops = new ArrayList<>();
    for (Connection<?> c : server.connections()) {
      if (c.implementsProcedure(RoundTripContract.PONG)) {
        loops.add(new Loop(server, c.as(dev.parley.Role.SHARED).orElseThrow(), end));
      }
    }
    loops.forEach(Loop::next);
    CompletableFuture.allOf(loops.stream().map(l -> l.done).toArray(CompletableFuture[]::new))
        .join();
    double took = (System.nanoTime() - start) / 1e9;
    long[] all = loops.stream().flatMapToLong(l -> Arrays.stream(l.nanos, 0, l.count)).sorted()
        .toArray();
    long failed = loops.stream().mapToLong(l -> l.failed.get()).sum();
    return new Driven(all.length, failed, took, quantile(all, 0.50), quantile(all, 0.99));
  }

  private static double quantile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] / 1e6;
  }

  /** One connection's calls, one at a time, until the end; its latencies in call order. */
  private static final class Loop {
    final ParleyServer<?> server;
    final Connection<dev.parley.Shared> connection;
    final long end;
    final CompletableFuture<Void> done = new CompletableFuture<>();
    final AtomicLong failed = new AtomicLong();
    long[] nanos = new long[1024];
    int count;

    Loop(ParleyServer<?> server, Connection<dev.parley.Shared> connection, long end) {
      this.server = server;
      this.connection = connection;
      this.end = end;
    }

    /** Calls once more, or ends; the next call starts from the completion of this one. */
    void next() {
      long t = System.nanoTime();
      if (t >= end) {
        done.complete(null);
        return;
      }
      server.call(connection, RoundTripContract.PONG, new Stamp(t)).whenComplete((out, e) -> {
        if (e != null || out == null || out.t() != t) {
          failed.incrementAndGet();
          if (connection.isOpen()) {
            Thread.startVirtualThread(this::next); // never a recursion of failures
          } else {
            done.complete(null);
          }
          return;
        }
        record(System.nanoTime() - t);
        next();
      });
    }

    private void record(long took) {
      if (count == nanos.length) {
        nanos = Arrays.copyOf(nanos, count * 2);
      }
      nanos[count++] = took;
    }
  }

  /**
   * Serves until the process is stopped.
   *
   * @param args the port (default 8084)
   */
  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8084;
    JettyTransport transport = JettyTransport.builder(create()).host("127.0.0.1").port(port)
        .basePath("/").maxConnections(FanoutServer.MAX_CONNECTIONS).start();
    Runtime.getRuntime().addShutdownHook(new Thread(transport::close));
    System.out.println("Parley round trips listening on ws://127.0.0.1:" + transport.port() + "/");
    Thread.currentThread().join();
  }
}
