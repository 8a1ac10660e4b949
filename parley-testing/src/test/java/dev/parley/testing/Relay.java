package dev.parley.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP relay between a client and a server on this machine, so that a test can break what the
 * client believes is its connection: {@link #dropAll()} closes every relayed connection (both
 * ends, as a network failure would), {@link #stallAll()} stops forwarding on them without closing
 * (as a dead peer behind a NAT would). New connections are relayed normally.
 */
final class Relay implements AutoCloseable {
  private final ServerSocket listener;
  private final int target;
  private final List<Pair> pairs = new CopyOnWriteArrayList<>();
  private final AtomicInteger accepted = new AtomicInteger();

  /** One relayed connection. */
  private static final class Pair {
    final Socket client;
    final Socket server;
    volatile boolean stalled;

    Pair(Socket client, Socket server) {
      this.client = client;
      this.server = server;
    }

    void close() {
      try {
        client.close();
      } catch (IOException e) {
        // already closed
      }
      try {
        server.close();
      } catch (IOException e) {
        // already closed
      }
    }
  }

  /** A relay to {@code 127.0.0.1:targetPort}. */
  Relay(int targetPort) throws IOException {
    this.target = targetPort;
    this.listener = new ServerSocket();
    listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    Thread.ofVirtual().name("relay-accept").start(this::accept);
  }

  /** {@code uri} with the relay's port instead of its own. */
  URI uri(URI uri) {
    return URI.create(uri.getScheme() + "://127.0.0.1:" + listener.getLocalPort() + uri.getRawPath());
  }

  /** How many connections the relay accepted so far. */
  int accepted() {
    return accepted.get();
  }

  /** Closes every connection relayed now. */
  void dropAll() {
    for (Pair p : pairs) {
      pairs.remove(p);
      p.close();
    }
  }

  /** Stops forwarding anything on every connection relayed now, leaving them open. */
  void stallAll() {
    for (Pair p : pairs) {
      p.stalled = true;
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
    dropAll();
  }

  private void accept() {
    while (!listener.isClosed()) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        return;
      }
      accepted.incrementAndGet();
      try {
        Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
        Pair p = new Pair(client, server);
        pairs.add(p);
        Thread.ofVirtual().start(() -> pump(p, client, server));
        Thread.ofVirtual().start(() -> pump(p, server, client));
      } catch (IOException e) {
        try {
          client.close();
        } catch (IOException ignored) {
          // nothing to relay to
        }
      }
    }
  }

  private void pump(Pair p, Socket from, Socket to) {
    byte[] buffer = new byte[8192];
    try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        if (p.stalled) {
          continue; // swallowed: the peer hears nothing more
        }
        out.write(buffer, 0, n);
        out.flush();
      }
    } catch (IOException e) {
      // one side closed
    } finally {
      if (!p.stalled) {
        pairs.remove(p);
        p.close();
      }
    }
  }
}
