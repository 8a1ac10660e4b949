package dev.parley.benchmarks.load;

import dev.parley.Contract;
import dev.parley.Mutation;
import dev.parley.Parley;
import dev.parley.Query;
import dev.parley.Schema;
import dev.parley.Shared;
import dev.parley.client.ParleyClient;
import dev.parley.jetty.JettyTransport;
import dev.parley.server.ParleyServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Automatic invalidation under load: {@code LISTENERS} WebSocket connections (default 1000) each
 * say {@code parley.hello}, query {@code todos} and watch what its answer declared ({@code
 * todos}); {@code OTHERS} more (default 100) watch an unrelated resource ({@code users}). One
 * mutating client over HTTP adds a todo, {@code ROUNDS} times (default 30, the first {@code
 * WARMUP_ROUNDS}, default 5, not measured), each once every listener refetched the last. Measured
 * per listener and round: from the moment the mutation's answer reached the mutating client to
 * the moment that listener received its refetched list holding the new todo (the push, then a
 * query on the same connection). Prints p50, p99 and max, and the {@code parley.invalidate}
 * messages the server sent and the connections received (interested and not).
 *
 * <pre>
 * ./parley-benchmarks/run.sh invalidate            # or, after a build:
 * java -cp … dev.parley.benchmarks.load.InvalidationLoad
 * </pre>
 *
 * Server and clients run in this one JVM (the listeners share one {@code java.net.http} client,
 * so one selector thread reads every socket), on 127.0.0.1.
 */
public final class InvalidationLoad {
  record Text(String text) {}

  record Todo(int id, String text) {}

  static final Query<Shared, Void, List<Todo>> TODOS =
      Parley.query("todos").output(Schema.listOf(Todo.class));
  static final Mutation<Shared, Text, Todo> ADD =
      Parley.mutation("add").input(Text.class).output(Todo.class);
  static final Contract CONTRACT = Contract.of(TODOS, ADD);

  private InvalidationLoad() {}

  /** Runs the benchmark; see the class comment for its settings (environment variables). */
  public static void main(String[] args) throws Exception {
    int listeners = setting("LISTENERS", 1000);
    int others = setting("OTHERS", 100);
    int rounds = setting("ROUNDS", 30);
    int warmup = setting("WARMUP_ROUNDS", 5);
    List<Todo> store = new CopyOnWriteArrayList<>();
    var server = ParleyServer.builder(CONTRACT).build();
    server.implement(TODOS, (ctx, in) -> List.copyOf(store))
        .resources((ctx, in, out) -> Set.of("todos"));
    server.implement(ADD, (ctx, in) -> {
      Todo t = new Todo(store.size() + 1, in.text());
      store.add(t);
      return t;
    }).resources((ctx, in, out) -> Set.of("todos", "todo/" + out.id()));

    try (JettyTransport transport = JettyTransport.builder(server).host("127.0.0.1").port(0)
        .start()) {
      URI ws = URI.create("ws" + transport.uri().toString().substring(4));
      HttpClient http = HttpClient.newHttpClient();
      List<Peer> interested = open(http, ws, listeners, true);
      List<Peer> unrelated = open(http, ws, others, false);
      long sentBefore = server.invalidationsSent();
      List<Long> micros = new ArrayList<>();
      try (var mutator = ParleyClient.http(transport.uri(), CONTRACT)) {
        for (int round = 0; round < rounds; round++) {
          String marker = "r" + round;
          CountDownLatch refetched = new CountDownLatch(listeners);
          interested.forEach(p -> p.expect(marker, refetched));
          mutator.mutate(ADD, new Text(marker));
          long answered = System.nanoTime();
          if (!refetched.await(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("round " + round + ": " + refetched.getCount()
                + " listeners did not refetch within 60 s");
          }
          if (round >= warmup) {
            interested.forEach(p -> micros.add((p.heldAt - answered) / 1000));
          }
        }
        Thread.sleep(500); // late invalidations, if any, would arrive now
      }
      long sent = server.invalidationsSent() - sentBefore;
      report(listeners, others, rounds, warmup, micros, sent, interested, unrelated);
      for (Peer p : interested) {
        p.socket.abort();
      }
      for (Peer p : unrelated) {
        p.socket.abort();
      }
    }
  }

  private static void report(int listeners, int others, int rounds, int warmup, List<Long> micros,
      long sent, List<Peer> interested, List<Peer> unrelated) {
    long[] sorted = micros.stream().mapToLong(Long::longValue).sorted().toArray();
    long toInterested = interested.stream().mapToLong(p -> p.invalidations.get()).sum();
    long toUnrelated = unrelated.stream().mapToLong(p -> p.invalidations.get()).sum();
    System.out.printf("invalidation: %d listening connections (watch todos), %d watching users,"
        + " %d mutations (%d measured)%n", listeners, others, rounds, rounds - warmup);
    System.out.printf("  mutation answer -> refetched value: p50 %.2f ms, p99 %.2f ms, max %.2f ms"
        + " (%d samples, %d before the answer)%n", pct(sorted, 50) / 1000.0,
        pct(sorted, 99) / 1000.0, sorted[sorted.length - 1] / 1000.0, sorted.length,
        Arrays.stream(sorted).filter(v -> v < 0).count());
    System.out.printf("  parley.invalidate sent by the server: %d (expected %d = %d interested x %d"
        + " mutations); received: %d by interested connections, %d by the others%n", sent,
        (long) listeners * rounds, listeners, rounds, toInterested, toUnrelated);
  }

  private static long pct(long[] sorted, int p) {
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(sorted.length * p / 100.0) - 1)];
  }

  private static List<Peer> open(HttpClient http, URI uri, int n, boolean listens)
      throws Exception {
    List<Peer> peers = new ArrayList<>(n);
    List<CompletableFuture<?>> ready = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Peer p = new Peer(listens);
      p.socket = http.newWebSocketBuilder().buildAsync(uri, p).get(30, TimeUnit.SECONDS);
      p.send("{\"method\":\"parley.hello\",\"params\":{\"version\":1}}");
      if (listens) {
        p.query(); // its answer says what to watch
      } else {
        p.send("{\"method\":\"parley.watch\",\"params\":{\"resources\":[\"users\"]}}")
            .thenRun(() -> p.watching.complete(null));
      }
      ready.add(p.watching);
      peers.add(p);
    }
    CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    return peers;
  }

  private static int setting(String name, int byDefault) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? byDefault : Integer.parseInt(v.trim());
  }

  /**
   * One raw WebSocket connection, as a browser page would use it: on {@code parley.invalidate} it
   * queries {@code todos} again; the first answer's resources are what it watches.
   */
  private static final class Peer implements WebSocket.Listener {
    final boolean listens;
    final AtomicInteger invalidations = new AtomicInteger();
    final CompletableFuture<Void> watching = new CompletableFuture<>();
    private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);
    final AtomicInteger ids = new AtomicInteger();
    volatile WebSocket socket;
    volatile String marker;
    volatile CountDownLatch refetched;
    volatile long heldAt;
    private final StringBuilder text = new StringBuilder();

    Peer(boolean listens) {
      this.listens = listens;
    }

    void expect(String marker, CountDownLatch refetched) {
      this.refetched = refetched;
      this.marker = "\"" + marker + "\"";
    }

    void query() {
      send("{\"id\":" + ids.incrementAndGet()
          + ",\"method\":\"query\",\"params\":{\"path\":\"todos\"}}");
    }

    /** Sends after the previous send completed: the JDK takes one at a time. */
    synchronized CompletableFuture<?> send(String message) {
      sending = sending.thenCompose(x -> socket.sendText(message, true));
      return sending;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        String message = text.toString();
        text.setLength(0);
        handle(message);
      }
      ws.request(1);
      return null;
    }

    private void handle(String message) {
      if (message.contains("\"parley.invalidate\"")) {
        invalidations.incrementAndGet();
        query();
      } else if (message.contains("\"result\"")) {
        if (!watching.isDone() && message.contains("\"resources\":[\"todos\"]")) {
          send("{\"method\":\"parley.watch\",\"params\":{\"resources\":[\"todos\"]}}")
              .thenRun(() -> watching.complete(null));
        }
        String m = marker;
        CountDownLatch latch = refetched;
        if (m != null && latch != null && message.contains(m)) {
          heldAt = System.nanoTime();
          marker = null;
          latch.countDown();
        }
      }
    }
  }
}
