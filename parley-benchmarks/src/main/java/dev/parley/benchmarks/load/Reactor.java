package dev.parley.benchmarks.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * One selector thread holding a share of the WebSocket connections: opens them (at most {@value
 * #PENDING} handshakes at a time), subscribes each to {@code fanout} when asked (or, as a Parley
 * client, says {@code parley.hello} and subscribes to the topic {@code stamps}), reads every frame,
 * answers pings, and reports each value received to {@link Deliveries}. The publishing reactor also
 * holds the control connection, on which it publishes as the window allows.
 */
final class Reactor implements Runnable {
  /** Connections being opened at once per reactor: {@value}. */
  static final int PENDING = 128;
  private static final byte[] STAMP = "\"t\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] STARTED = "\"started\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SUBSCRIBED =
      "\"parley.subscribed\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] ERROR = "\"error\"".getBytes(StandardCharsets.US_ASCII);

  private final InetSocketAddress address;
  private final String host;
  private final String path;
  private final Deliveries deliveries;
  private final boolean subscribe;
  /** subscription, topic, or arrays: a Parley client's hello (arrays) and a subscription. */
  private final String kind;
  private final boolean publisher;
  private final Selector selector;
  private final ByteBuffer in = ByteBuffer.allocateDirect(1 << 20);
  private final List<Conn> conns = new ArrayList<>();
  final Latencies latencies = new Latencies();
  final AtomicInteger open = new AtomicInteger();
  final AtomicInteger started = new AtomicInteger();
  final AtomicInteger closed = new AtomicInteger();
  final AtomicInteger failed = new AtomicInteger();
  final AtomicInteger errors = new AtomicInteger();
  volatile long received;
  volatile @Nullable String firstProblem;
  /** Wakes the publishing reactor when this one freed a slot of the window. */
  volatile Runnable publisherWakeup = () -> { };
  private volatile boolean stop;
  private int toOpen;
  private int pending;
  private @Nullable Conn control;
  private long publishId;

  Reactor(InetSocketAddress address, String path, int connections, Deliveries deliveries,
      boolean subscribe, String kind, boolean publisher) throws IOException {
    this.address = address;
    this.host = address.getHostString();
    this.path = path;
    this.toOpen = connections;
    this.deliveries = deliveries;
    this.subscribe = subscribe;
    this.kind = kind;
    this.publisher = publisher;
    this.selector = Selector.open();
  }

  void stop() {
    stop = true;
    selector.wakeup();
  }

  void wakeup() {
    selector.wakeup();
  }

  /** Whether the control connection is open (the publishing reactor only). */
  boolean controlOpen() {
    return control != null && control.state == Conn.OPEN;
  }

  @Override
  public void run() {
    try {
      if (publisher) {
        control = connect(true);
      }
      while (!stop) {
        while (pending < PENDING && toOpen > 0) {
          toOpen--;
          connect(false);
        }
        publish();
        selector.select(publisher && deliveries.publishing ? 1 : 10);
        for (var it = selector.selectedKeys().iterator(); it.hasNext(); ) {
          SelectionKey key = it.next();
          it.remove();
          Conn c = (Conn) key.attachment();
          try {
            if (key.isConnectable()) {
              c.channel.finishConnect();
              write(c, Frames.upgrade(host, address.getPort(), path));
              key.interestOps(SelectionKey.OP_READ);
            } else if (key.isReadable()) {
              read(c, key);
            }
          } catch (IOException e) {
            problem("connection failed: " + e);
            drop(c, key);
          }
        }
      }
    } catch (IOException e) {
      problem("reactor failed: " + e);
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

  private Conn connect(boolean isControl) throws IOException {
    SocketChannel ch = SocketChannel.open();
    ch.configureBlocking(false);
    ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
    Conn c = new Conn(ch, isControl);
    conns.add(c);
    pending++;
    ch.register(selector, SelectionKey.OP_CONNECT, c);
    ch.connect(address);
    return c;
  }

  private void publish() throws IOException {
    Conn c = control;
    if (c == null || c.state != Conn.OPEN) {
      return;
    }
    for (long t; (t = deliveries.next()) != 0; ) {
      write(c, Frames.publish(++publishId, "publish", t));
    }
  }

  private void read(Conn c, SelectionKey key) throws IOException {
    in.clear();
    if (c.carry != null) {
      in.put(c.carry);
      c.carry = null;
    }
    int n = c.channel.read(in);
    if (n < 0) {
      drop(c, key);
      return;
    }
    in.flip();
    if (c.state == Conn.HANDSHAKE && !handshake(c, key)) {
      return;
    }
    frames(c, key);
  }

  /** Reads the upgrade response; false when it is incomplete or refused. */
  private boolean handshake(Conn c, SelectionKey key) throws IOException {
    Boolean upgraded = Frames.upgraded(in);
    if (upgraded == null) {
      keep(c);
      return false;
    }
    if (!upgraded) {
      failed.incrementAndGet();
      problem("upgrade refused");
      drop(c, key);
      return false;
    }
    pending--;
    c.state = Conn.OPEN;
    if (!c.control) {
      open.incrementAndGet();
      if (subscribe && !kind.equals("subscription")) {
        write(c, Frames.text("{\"method\":\"parley.hello\",\"params\":{\"version\":1,\"arrays\":true}}"));
      }
      if (subscribe && kind.equals("topic")) {
        write(c, Frames.text("{\"id\":1,\"method\":\"parley.subscribe\",\"params\":{\"topic\":\"stamps\"}}"));
      } else if (subscribe) {
        write(c, Frames.subscribe(1, "fanout"));
      }
    }
    return true;
  }

  private void frames(Conn c, SelectionKey key) throws IOException {
    for (Frames.Frame f; (f = Frames.next(in)) != null; in.position(f.to())) {
      int from = f.from();
      int to = f.to();
      switch (f.opcode()) {
        case Frames.TEXT -> text(c, from, to);
        case Frames.PING -> {
          byte[] payload = new byte[to - from];
          in.get(from, payload);
          write(c, Frames.frame(Frames.PONG, payload));
        }
        case Frames.CLOSE -> {
          closed.incrementAndGet();
          problem("the server closed a connection" + (to - from >= 2 ? " with " + (in.getShort(from) & 0xffff) : ""));
          drop(c, key);
          return;
        }
        default -> { } // pongs; no fragmented messages are expected
      }
    }
    keep(c);
  }

  private void text(Conn c, int from, int to) {
    if (c.control) {
      return; // answers to publish
    }
    int stamp = Frames.indexOf(in, from, to, STAMP);
    if (stamp >= 0) {
      long now = System.nanoTime();
      for (; stamp >= 0; stamp = Frames.indexOf(in, stamp + STAMP.length, to, STAMP)) {
        long t = Frames.digits(in, stamp + STAMP.length, to); // a frame may hold several (arrays)
        received++;
        if (deliveries.measuring) {
          latencies.record(now - t);
        }
        if (deliveries.delivered(t) && !publisher) {
          publisherWakeup.run();
        }
      }
    } else if (Frames.indexOf(in, from, to, STARTED) >= 0
        || Frames.indexOf(in, from, to, SUBSCRIBED) >= 0) {
      started.incrementAndGet();
    } else if (Frames.indexOf(in, from, to, ERROR) >= 0) {
      errors.incrementAndGet();
      byte[] body = new byte[Math.min(200, to - from)];
      in.get(from, body);
      problem("error message: " + new String(body, StandardCharsets.UTF_8));
    }
  }

  private void keep(Conn c) {
    if (in.hasRemaining()) {
      c.carry = new byte[in.remaining()];
      in.get(c.carry);
    }
  }

  private void write(Conn c, ByteBuffer out) throws IOException {
    while (out.hasRemaining()) {
      if (c.channel.write(out) == 0) {
        Thread.onSpinWait();
      }
    }
  }

  private void drop(Conn c, SelectionKey key) {
    if (c.state == Conn.HANDSHAKE) {
      pending--;
    }
    if (c.state == Conn.OPEN && !c.control) {
      open.decrementAndGet();
    }
    c.state = Conn.CLOSED;
    key.cancel();
    try {
      c.channel.close();
    } catch (IOException e) {
      // already gone
    }
  }

  private void problem(String what) {
    if (firstProblem == null) {
      firstProblem = what;
    }
  }

  /** One connection's state, touched by its reactor's thread only. */
  private static final class Conn {
    static final int HANDSHAKE = 0;
    static final int OPEN = 1;
    static final int CLOSED = 2;
    final SocketChannel channel;
    final boolean control;
    int state = HANDSHAKE;
    byte @Nullable [] carry;

    Conn(SocketChannel channel, boolean control) {
      this.channel = channel;
      this.control = control;
    }
  }
}
