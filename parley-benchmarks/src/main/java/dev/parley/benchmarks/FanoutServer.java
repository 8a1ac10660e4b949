package dev.parley.benchmarks;

import dev.parley.ErrorCode;
import dev.parley.ParleyException;
import dev.parley.jetty.JettyTransport;
import dev.parley.server.ParleyServer;
import dev.parley.server.ReplayWindow;
import dev.parley.server.ServerOptions;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Parley's side of the WebSocket fan-out benchmark: {@link FanoutContract} on {@link
 * JettyTransport} at 127.0.0.1, base path {@code /}, so that the WebSocket is {@code
 * ws://127.0.0.1:PORT/}. Each {@code fanout} handler follows one feed and {@code publish} appends
 * to it: a {@link ReplayWindow}, the library piece a Parley application fans out with ({@code
 * window}), or the benchmark's {@link Feed}, which wakes each follower without a shared lock
 * ({@code feed}), so that the transport's own cost shows; or {@code publish} publishes to the topic
 * {@code stamps} ({@code topic}): one encoding per value and no handler thread per subscriber.
 *
 * <p>Options differ from the defaults only where the load would trip a limit meant for strangers:
 * the load generator's one publishing connection sends up to {@value #FRAMES_PER_SECOND} messages a
 * second, and it holds up to {@value #MAX_CONNECTIONS} connections.
 */
public final class FanoutServer {
  /** The values the window keeps, so that a subscriber late by a burst loses none: {@value}. */
  static final int WINDOW = 256;
  /** {@link ServerOptions#socketFramesPerSecond()} here: {@value}. */
  static final int FRAMES_PER_SECOND = 1_000_000;
  /** {@link JettyTransport.Builder#maxConnections} here: {@value}. */
  static final int MAX_CONNECTIONS = 50_000;

  private FanoutServer() {}

  /**
   * A server of {@link FanoutContract}, not yet serving.
   *
   * @param mode {@code feed}, {@code window} or {@code topic}
   */
  public static ParleyServer<?> create(String mode) {
    ParleyServer<?> server = ParleyServer.builder(FanoutContract.CONTRACT)
        .options(ServerOptions.builder().socketFramesPerSecond(FRAMES_PER_SECOND).build())
        .build();
    AtomicInteger followers = new AtomicInteger();
    if (mode.equals("topic")) {
      server.topic(FanoutContract.STAMPS).onSubscribe((ctx, params) -> {
        followers.incrementAndGet();
        return params;
      });
      server.implement(FanoutContract.FANOUT, (ctx, in, sink) -> {
        throw new ParleyException(ErrorCode.METHOD_NOT_SUPPORTED, "this server fans out by topic");
      });
      server.implement(FanoutContract.PUBLISH, (ctx, in) -> {
        server.publish(FanoutContract.STAMPS, null, in);
        return null;
      });
    } else if (mode.equals("window")) {
      ReplayWindow<Stamp> window = new ReplayWindow<>(WINDOW);
      AtomicLong seq = new AtomicLong();
      server.implement(FanoutContract.FANOUT, (ctx, in, sink) -> {
        followers.incrementAndGet();
        try {
          window.follow(sink);
        } finally {
          followers.decrementAndGet();
        }
      });
      server.implement(FanoutContract.PUBLISH, (ctx, in) -> {
        synchronized (window) { // ids in order of publication
          window.publish(Long.toString(seq.incrementAndGet()), in);
        }
        return null;
      });
    } else {
      Feed<Stamp> feed = new Feed<>(WINDOW);
      server.implement(FanoutContract.FANOUT, (ctx, in, sink) -> {
        followers.incrementAndGet();
        try {
          feed.follow(sink);
        } finally {
          followers.decrementAndGet();
        }
      });
      server.implement(FanoutContract.PUBLISH, (ctx, in) -> {
        feed.publish(in);
        return null;
      });
    }
    server.implement(FanoutContract.FOLLOWERS, (ctx, in) -> followers.get());
    server.implement(FanoutContract.HEAP, (ctx, in) -> heapAfterGc());
    server.assertAllImplemented();
    return server;
  }

  /** The heap in use after full collections, in bytes. */
  static long heapAfterGc() {
    var memory = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  /**
   * Serves until the process is stopped.
   *
   * @param args the port (default 8083), then {@code feed} (default), {@code window} or {@code topic}
   */
  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8083;
    String mode = args.length > 1 ? args[1] : "feed";
    if (!mode.equals("feed") && !mode.equals("window") && !mode.equals("topic")) {
      throw new IllegalArgumentException("mode: " + mode + " (expected: feed, window or topic)");
    }
    JettyTransport transport = JettyTransport.builder(create(mode)).host("127.0.0.1").port(port)
        .basePath("/").maxConnections(MAX_CONNECTIONS).start();
    Runtime.getRuntime().addShutdownHook(new Thread(transport::close));
    System.out.println("Parley fan-out listening on ws://127.0.0.1:" + transport.port() + "/");
    Thread.currentThread().join();
  }
}
