package dev.parley.benchmarks.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The load generator of {@code run.sh rtt}: N WebSocket connections on one NIO selector thread,
 * each with one exchange in flight at a time (a closed loop), timing each exchange from its first
 * byte written to the last one read, and printing {@code key=value} lines. The exchanges:
 *
 * <pre>
 * query    {@code wsLink}'s query of "echo" and its answer (Parley and tRPC alike)
 * chat     {@code wsLink}'s mutation "say" to the connection's room, until the value it said comes
 *          back on its "said" subscription of that room: tRPC's way to build a chat (both)
 * channel  parley.send of a message on a channel connection of the room, until the server's
 *          parley.message to the room comes back (Parley only)
 * call     the server calls the client procedure "pong" on every connection, one call at a time
 *          per connection (the "drive" mutation, over HTTP), and this tool answers each
 *          parley.call; the round trips are timed on the server, from the call to its answer
 * </pre>
 *
 * <p>Usage: {@code RoundTripLoad MODE --port P --connections N [--warmup 10] [--duration 10]
 * --pid SERVER_PID}.
 */
public final class RoundTripLoad {
  private static final byte[] STAMP = bytes("\"t\":");
  private static final byte[] STARTED = bytes("\"started\"");
  private static final byte[] CONNECTED = bytes("\"parley.connected\"");
  private static final byte[] CALL = bytes("\"parley.call\"");
  private static final byte[] CALL_NUMBER = bytes("\"call\":");
  private static final byte[] TOKEN = bytes("\"token\":\"");
  private static final byte[] ERROR = bytes("\"error\"");

  private final String mode;
  private final InetSocketAddress address;
  private final Selector selector;
  private final ByteBuffer in = ByteBuffer.allocateDirect(1 << 20);
  private final List<Conn> conns = new ArrayList<>();
  private final Latencies latencies = new Latencies();
  private volatile boolean measuring;
  private volatile boolean stop;
  private volatile long exchanges;
  private volatile int ready;
  private volatile int errors;
  private volatile @Nullable String firstProblem;
  private long nextId = 1;

  private RoundTripLoad(String mode, InetSocketAddress address) throws IOException {
    this.mode = mode;
    this.address = address;
    this.selector = Selector.open();
  }

  /** Runs one mode; exits 1 when the load could not be applied as asked. */
  public static void main(String[] argv) throws Exception {
    if (argv.length == 0) {
      System.err.println("usage: RoundTripLoad query|chat|channel|call --port P --connections N ...");
      System.exit(2);
    }
    Map<String, String> a = new HashMap<>();
    for (int i = 1; i + 1 < argv.length; i += 2) {
      a.put(argv[i].replaceFirst("^--", ""), argv[i + 1]);
    }
    String mode = argv[0];
    if (!List.of("query", "chat", "channel", "call").contains(mode)) {
      throw new IllegalArgumentException("mode: " + mode + " (expected: query, chat, channel, call)");
    }
    int port = Integer.parseInt(a.get("port"));
    RoundTripLoad load = new RoundTripLoad(mode, new InetSocketAddress("127.0.0.1", port));
    boolean ok = load.run(Integer.parseInt(a.get("connections")),
        Integer.parseInt(a.getOrDefault("warmup", "10")),
        Integer.parseInt(a.getOrDefault("duration", "10")),
        Long.parseLong(a.getOrDefault("pid", "0")), URI.create("http://127.0.0.1:" + port + "/"));
    System.exit(ok ? 0 : 1);
  }

  private boolean run(int connections, int warmup, int duration, long pid, URI http)
      throws Exception {
    Thread loop = Thread.ofPlatform().name("rtt-load").daemon().start(() -> loop(connections));
    try {
      long until = System.nanoTime() + 60_000_000_000L;
      while (ready < connections) {
        if (System.nanoTime() > until || !loop.isAlive()) {
          System.err.println("rtt-load: timed out: " + ready + " of " + connections + " ready"
              + (firstProblem == null ? "" : "; " + firstProblem));
          return false;
        }
        Thread.sleep(20);
      }
      FanoutLoad.print("connections", connections);
      if (mode.equals("call")) {
        drive(http, warmup);
        Cpu cpu = Cpu.begin(pid);
        String driven = drive(http, duration);
        Cpu.Window used = cpu.end();
        double calls = number(driven, "calls");
        FanoutLoad.print("round_trips_per_s", calls / number(driven, "seconds"));
        FanoutLoad.print("p50_ms", number(driven, "p50Ms"));
        FanoutLoad.print("p99_ms", number(driven, "p99Ms"));
        FanoutLoad.print("errors", number(driven, "failed") + errors);
        cpu(used);
      } else {
        Thread.sleep(warmup * 1000L);
        long before = exchanges;
        Cpu cpu = Cpu.begin(pid);
        measuring = true;
        Thread.sleep(duration * 1000L);
        measuring = false;
        Cpu.Window used = cpu.end();
        long done = exchanges - before;
        FanoutLoad.print("round_trips_per_s", done / used.seconds());
        synchronized (latencies) {
          FanoutLoad.print("p50_ms", latencies.quantileMillis(0.50));
          FanoutLoad.print("p99_ms", latencies.quantileMillis(0.99));
        }
        FanoutLoad.print("errors", errors);
        cpu(used);
      }
      if (firstProblem != null) {
        System.err.println("rtt-load: " + firstProblem);
      }
      return errors == 0;
    } finally {
      stop = true;
      selector.wakeup();
    }
  }

  private static void cpu(Cpu.Window used) {
    FanoutLoad.print("server_cores", used.server());
    FanoutLoad.print("load_cores", used.load());
    FanoutLoad.print("other_cores", used.other());
  }

  /** Has the server call every connection for {@code seconds}; its answer's JSON. */
  private static String drive(URI http, int seconds) throws IOException, InterruptedException {
    try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
      HttpResponse<String> r = client.send(HttpRequest.newBuilder(http.resolve("drive"))
          .timeout(Duration.ofSeconds(seconds + 60L)).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"seconds\":" + seconds + "}")).build(),
          HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IOException("drive answered " + r.statusCode() + ": " + r.body());
      }
      return r.body();
    }
  }

  private static double number(String json, String key) {
    Matcher m = Pattern.compile("\"" + key + "\":(-?[0-9.eE+-]+|\"NaN\")").matcher(json);
    if (!m.find()) {
      throw new IllegalStateException("no " + key + " in " + json);
    }
    return m.group(1).startsWith("\"") ? Double.NaN : Double.parseDouble(m.group(1));
  }

  private void loop(int connections) {
    try {
      for (int i = 0; i < connections; i++) {
        SocketChannel ch = SocketChannel.open();
        ch.configureBlocking(false);
        ch.setOption(java.net.StandardSocketOptions.TCP_NODELAY, true);
        Conn c = new Conn(ch, "r" + i);
        conns.add(c);
        ch.register(selector, SelectionKey.OP_CONNECT, c);
        ch.connect(address);
      }
      while (!stop) {
        selector.select(10);
        for (var it = selector.selectedKeys().iterator(); it.hasNext(); ) {
          SelectionKey key = it.next();
          it.remove();
          Conn c = (Conn) key.attachment();
          try {
            if (key.isConnectable()) {
              c.channel.finishConnect();
              write(c, Frames.upgrade(address.getHostString(), address.getPort(), "/"));
              key.interestOps(SelectionKey.OP_READ);
            } else if (key.isReadable()) {
              read(c, key);
            }
          } catch (IOException e) {
            problem("connection failed: " + e);
            key.cancel();
            c.channel.close();
          }
        }
      }
    } catch (IOException e) {
      problem("load failed: " + e);
    } finally {
      for (Conn c : conns) {
        try {
          c.channel.close();
        } catch (IOException e) {
          // closing at the end: nothing to do
        }
      }
    }
  }

  private void read(Conn c, SelectionKey key) throws IOException {
    in.clear();
    if (c.carry != null) {
      in.put(c.carry);
      c.carry = null;
    }
    if (c.channel.read(in) < 0) {
      problem("the server closed a connection");
      key.cancel();
      c.channel.close();
      return;
    }
    in.flip();
    if (!c.open) {
      Boolean upgraded = Frames.upgraded(in);
      if (upgraded == null) {
        keep(c);
        return;
      }
      if (!upgraded) {
        problem("upgrade refused");
        key.cancel();
        c.channel.close();
        return;
      }
      c.open = true;
      opened(c);
    }
    for (Frames.Frame f; (f = Frames.next(in)) != null; in.position(f.to())) {
      if (f.opcode() == Frames.TEXT) {
        text(c, f.from(), f.to());
      } else if (f.opcode() == Frames.PING) {
        byte[] payload = new byte[f.to() - f.from()];
        in.get(f.from(), payload);
        write(c, Frames.frame(Frames.PONG, payload));
      } else if (f.opcode() == Frames.CLOSE) {
        problem("the server closed a connection" + (f.to() - f.from() >= 2
            ? " with " + (in.getShort(f.from()) & 0xffff) : ""));
        key.cancel();
        c.channel.close();
        return;
      }
    }
    keep(c);
  }

  /** What a connection says first, by mode. */
  private void opened(Conn c) throws IOException {
    switch (mode) {
      case "query" -> {
        ready++;
        send(c);
      }
      case "chat" -> write(c, Frames.text("{\"id\":0,\"method\":\"subscription\",\"params\":"
          + "{\"path\":\"said\",\"input\":{\"room\":\"" + c.room + "\"}}}"));
      case "channel" -> {
        write(c, Frames.text("{\"method\":\"parley.hello\",\"params\":{\"version\":1}}"));
        write(c, Frames.text("{\"id\":\"c\",\"method\":\"parley.connect\",\"params\":"
            + "{\"channel\":\"room\",\"params\":{\"room\":\"" + c.room + "\"}}}"));
      }
      default -> { // call
        write(c, Frames.text("{\"method\":\"parley.hello\",\"params\":{\"version\":1}}"));
        write(c, Frames.text("{\"method\":\"parley.register\",\"params\":{\"procedures\":[\"pong\"]}}"));
      }
    }
  }

  private void text(Conn c, int from, int to) throws IOException {
    if (Frames.indexOf(in, from, to, ERROR) >= 0) {
      errors++;
      byte[] body = new byte[Math.min(200, to - from)];
      in.get(from, body);
      problem("error message: " + new String(body, StandardCharsets.UTF_8));
      return;
    }
    if (mode.equals("call")) {
      if (Frames.indexOf(in, from, to, CALL) >= 0) {
        write(c, Frames.text("{\"method\":\"parley.answer\",\"params\":{\"call\":"
            + Frames.numberAfter(in, from, to, CALL_NUMBER) + ",\"output\":{\"t\":"
            + Frames.numberAfter(in, from, to, STAMP) + "}}}"));
      } else if (!c.ready) { // the answer to the hello: the registration that follows it is taken
        c.ready = true;
        ready++;
      }
      return;
    }
    long t = Frames.numberAfter(in, from, to, STAMP);
    if (t >= 0) {
      if (t == c.sent) {
        exchanges++;
        if (measuring) {
          synchronized (latencies) {
            latencies.record(System.nanoTime() - t);
          }
        }
        send(c);
      }
    } else if (Frames.indexOf(in, from, to, STARTED) >= 0
        || Frames.indexOf(in, from, to, CONNECTED) >= 0) {
      int at = Frames.indexOf(in, from, to, TOKEN);
      if (at >= 0) {
        int end = Frames.indexOf(in, at + TOKEN.length, to, new byte[] {'"'});
        byte[] token = new byte[end - at - TOKEN.length];
        in.get(at + TOKEN.length, token);
        c.token = new String(token, StandardCharsets.US_ASCII);
      }
      ready++;
      send(c);
    }
  }

  /** Starts the connection's next exchange. */
  private void send(Conn c) throws IOException {
    long t = System.nanoTime();
    c.sent = t;
    long id = nextId++;
    write(c, Frames.text(switch (mode) {
      case "query" -> "{\"id\":" + id + ",\"method\":\"query\",\"params\":{\"path\":\"echo\","
          + "\"input\":{\"t\":" + t + "}}}";
      case "chat" -> "{\"id\":" + id + ",\"method\":\"mutation\",\"params\":{\"path\":\"say\","
          + "\"input\":{\"room\":\"" + c.room + "\",\"t\":" + t + "}}}";
      default -> "{\"method\":\"parley.send\",\"params\":{\"token\":\"" + c.token
          + "\",\"message\":{\"t\":" + t + "}}}";
    }));
  }

  private void keep(Conn c) {
    if (in.hasRemaining()) {
      c.carry = new byte[in.remaining()];
      in.get(c.carry);
    }
  }

  private static void write(Conn c, ByteBuffer out) throws IOException {
    while (out.hasRemaining()) {
      if (c.channel.write(out) == 0) {
        Thread.onSpinWait();
      }
    }
  }

  private void problem(String what) {
    if (firstProblem == null) {
      firstProblem = what;
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** One connection, touched by the loop's thread only. */
  private static final class Conn {
    final SocketChannel channel;
    final String room;
    boolean open;
    boolean ready;
    String token = "";
    long sent = -1;
    byte @Nullable [] carry;

    Conn(SocketChannel channel, String room) {
      this.channel = channel;
      this.room = room;
    }
  }
}
