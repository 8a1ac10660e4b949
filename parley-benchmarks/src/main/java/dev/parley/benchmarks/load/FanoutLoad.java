package dev.parley.benchmarks.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The WebSocket load generator of {@code run.sh ws}, the same for Parley's server and tRPC's, which
 * both speak {@code wsLink}'s messages: it holds N connections on a few NIO selector threads
 * (hand-written frames, no WebSocket library, so that the client costs little and the same for
 * both) and prints {@code key=value} lines.
 *
 * <pre>
 * fanout --port P --subscribers N [--warmup 10] [--duration 10] [--window 16] [--threads 1]
 *        [--kind subscription|arrays|topic] --pid SERVER_PID
 *   N connections each subscribe to "fanout" (kind arrays: after a parley.hello saying they take
 *   several messages per frame; kind topic: say that hello and subscribe to the topic "stamps";
 *   both for Parley's server only); a control connection publishes stamps through the
 *   "publish" mutation, keeping at most WINDOW values in flight (a value is done when all N
 *   subscribers received it). Reports values delivered a second, the latency from publication to
 *   each delivery (p50, p99, max), and the CPU of the server, of this tool and of the rest.
 * idle --port P --connections N --pid SERVER_PID
 *   Opens N connections and sends nothing; reports the server's heap ("heap" query, after full
 *   collections) and resident set before and after, per connection.
 * </pre>
 */
public final class FanoutLoad {
  private FanoutLoad() {}

  /** Runs one mode; exits 1 when the load could not be applied as asked. */
  public static void main(String[] argv) throws Exception {
    if (argv.length == 0) {
      System.err.println("usage: FanoutLoad fanout|idle --port P ... (see the class's Javadoc)");
      System.exit(2);
    }
    Map<String, String> a = new HashMap<>();
    for (int i = 1; i + 1 < argv.length; i += 2) {
      a.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
    }
    String host = a.getOrDefault("host", "127.0.0.1");
    int port = Integer.parseInt(a.get("port"));
    String path = a.getOrDefault("path", "/");
    long pid = Long.parseLong(a.getOrDefault("pid", "0"));
    InetSocketAddress address = new InetSocketAddress(host, port);
    URI http = URI.create("http://" + host + ":" + port + path + (path.endsWith("/") ? "" : "/"));
    boolean ok = switch (argv[0]) {
      case "fanout" -> fanout(address, path, http, pid, Integer.parseInt(a.get("subscribers")),
          Integer.parseInt(a.getOrDefault("warmup", "10")),
          Integer.parseInt(a.getOrDefault("duration", "10")),
          Integer.parseInt(a.getOrDefault("window", "16")),
          Integer.parseInt(a.getOrDefault("threads", "1")),
          kind(a.getOrDefault("kind", "subscription")));
      case "idle" -> idle(address, path, http, pid, Integer.parseInt(a.get("connections")));
      default -> throw new IllegalArgumentException("mode: " + argv[0] + " (expected: fanout, idle)");
    };
    System.exit(ok ? 0 : 1);
  }

  private static boolean fanout(InetSocketAddress address, String path, URI http, long pid,
      int subscribers, int warmup, int duration, int window, int threads, String kind)
      throws Exception {
    Deliveries deliveries = new Deliveries(subscribers, window);
    List<Reactor> reactors = start(address, path, subscribers, threads, deliveries, true, kind);
    try {
      if (!await("all subscribed", 120, () -> sum(reactors, r -> r.started.get()) >= subscribers
          && reactors.get(0).controlOpen(), reactors)) {
        return false;
      }
      if (!await("every handler following", 60,
          () -> queryOrNone(http, "followers") >= subscribers, reactors)) {
        return false;
      }
      deliveries.publishing = true;
      reactors.get(0).wakeup();
      Thread.sleep(warmup * 1000L);
      long published0 = deliveries.published.get();
      long received0 = sum(reactors, r -> r.received);
      Cpu cpu = Cpu.begin(pid);
      deliveries.measuring = true;
      Thread.sleep(duration * 1000L);
      deliveries.measuring = false;
      long received = sum(reactors, r -> r.received) - received0;
      long published = deliveries.published.get() - published0;
      Cpu.Window used = cpu.end();
      deliveries.publishing = false;
      boolean drained = await("the last values delivered", 30, () -> deliveries.outstanding() == 0,
          reactors);
      Latencies all = new Latencies();
      reactors.forEach(r -> all.add(r.latencies));
      print("subscribers", subscribers);
      print("window", window);
      print("threads", threads);
      print("published_per_s", published / used.seconds());
      print("delivered_per_s", received / used.seconds());
      print("p50_ms", all.quantileMillis(0.50));
      print("p99_ms", all.quantileMillis(0.99));
      print("max_ms", all.maxNanos() / 1e6);
      print("server_cores", used.server());
      print("load_cores", used.load());
      print("other_cores", used.other());
      print("undelivered", drained ? 0 : deliveries.outstanding());
      print("strays", deliveries.strays.get());
      print("closed", sum(reactors, r -> r.closed.get()));
      print("errors", sum(reactors, r -> r.errors.get()));
      problems(reactors);
      return drained && deliveries.strays.get() == 0;
    } finally {
      reactors.forEach(Reactor::stop);
    }
  }

  private static boolean idle(InetSocketAddress address, String path, URI http, long pid,
      int connections) throws Exception {
    long heap0 = query(http, "heap");
    long rss0 = Procfs.rssKib(pid);
    List<Reactor> reactors = start(address, path, connections, 1, new Deliveries(1, 1), false,
        "subscription");
    try {
      if (!await("all open", 120, () -> sum(reactors, r -> r.open.get()) >= connections, reactors)) {
        return false;
      }
      Thread.sleep(2000); // let the server settle: nothing more is sent
      long heap1 = query(http, "heap");
      long rss1 = Procfs.rssKib(pid);
      long open = sum(reactors, r -> r.open.get());
      print("connections", open);
      print("heap_before_mib", heap0 / 1048576.0);
      print("heap_after_mib", heap1 / 1048576.0);
      print("heap_per_connection_kib", (heap1 - heap0) / 1024.0 / open);
      print("rss_per_connection_kib", (rss1 - rss0) / (double) open);
      problems(reactors);
      return open == connections;
    } finally {
      reactors.forEach(Reactor::stop);
    }
  }

  private static List<Reactor> start(InetSocketAddress address, String path, int connections,
      int threads, Deliveries deliveries, boolean subscribe, String kind) throws IOException {
    List<Reactor> reactors = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      int share = connections / threads + (i < connections % threads ? 1 : 0);
      reactors.add(new Reactor(address, path, share, deliveries, subscribe, kind,
          subscribe && i == 0));
    }
    Reactor publisher = reactors.get(0);
    for (Reactor r : reactors) {
      r.publisherWakeup = publisher::wakeup;
      Thread.ofPlatform().name("reactor").daemon().start(r);
    }
    return reactors;
  }

  /** {@code kind}, when it is one this tool knows. */
  private static String kind(String kind) {
    if (!List.of("subscription", "arrays", "topic").contains(kind)) {
      throw new IllegalArgumentException("kind: " + kind + " (expected: subscription, arrays, topic)");
    }
    return kind;
  }

  private static boolean await(String what, int seconds, BooleanSupplier done, List<Reactor> reactors)
      throws InterruptedException {
    long until = System.nanoTime() + seconds * 1_000_000_000L;
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > until) {
        System.err.println("fanout-load: timed out waiting for " + what + " (open "
            + sum(reactors, r -> r.open.get()) + ", started " + sum(reactors, r -> r.started.get())
            + ", failed " + sum(reactors, r -> r.failed.get()) + ")");
        problems(reactors);
        return false;
      }
      Thread.sleep(50);
    }
    return true;
  }

  /** The number a query answers ({@code {"result":{"data":N}}}). */
  private static long query(URI base, String name) throws IOException, InterruptedException {
    try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
      String body = client.send(HttpRequest.newBuilder(base.resolve(name))
          .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString()).body();
      return Long.parseLong(body.replaceAll(".*\"data\":(-?[0-9]+).*", "$1").strip());
    }
  }

  /** The number a query answers, or -1 when it cannot be had. */
  private static long queryOrNone(URI base, String name) {
    try {
      return query(base, name);
    } catch (IOException | RuntimeException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static long sum(List<Reactor> reactors, java.util.function.ToLongFunction<Reactor> f) {
    return reactors.stream().mapToLong(f).sum();
  }

  private static void problems(List<Reactor> reactors) {
    for (Reactor r : reactors) {
      if (r.firstProblem != null) {
        System.err.println("fanout-load: " + r.firstProblem);
      }
    }
  }

  static void print(String key, double value) {
    System.out.println(key + "=" + (value == Math.rint(value) && Math.abs(value) < 1e15
        ? Long.toString((long) value) : String.format(Locale.ROOT, "%.2f", value)));
  }
}
