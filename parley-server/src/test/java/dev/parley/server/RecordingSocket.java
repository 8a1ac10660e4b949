package dev.parley.server;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A transport's side of a WebSocket connection in memory: each message the server sends is
 * written at once and kept in order, and so is the close. For tests of the server's wire without a
 * network.
 */
final class RecordingSocket implements SocketOut {
  final BlockingQueue<String> sent = new LinkedBlockingQueue<>();
  final CompletableFuture<String> closed = new CompletableFuture<>();
  volatile int pings;
  /** When set, sends are kept but never written: a client that reads nothing. */
  volatile boolean stuck;
  /** When set, each ping is answered with a pong, as every WebSocket implementation does. */
  volatile boolean answersPings = true;
  /** When cleared, the client never answers a close frame: the closing handshake never ends. */
  volatile boolean completesClose = true;
  volatile boolean aborted;
  private volatile Sent pending;
  private SocketSession session;

  /** Opens a connection on {@code server} with the upgrade URL's {@code query}. */
  static RecordingSocket open(ParleyServer<?> server, String query) {
    return open(server, query, new RecordingSocket());
  }

  /** Opens {@code socket} on {@code server} with the upgrade URL's {@code query}. */
  static RecordingSocket open(ParleyServer<?> server, String query, RecordingSocket socket) {
    socket.session = server.openSocket(
        new ParleyRequest("GET", "", query, java.util.Map.of(), new byte[0], null), socket);
    return socket;
  }

  SocketSession session() {
    return session;
  }

  /** The next message sent, within 5 s. */
  String next() throws InterruptedException {
    String m = sent.poll(5, TimeUnit.SECONDS);
    if (m == null) {
      throw new AssertionError("no message within 5 s");
    }
    return m;
  }

  /** A stuck client reads again: the message held is written, and every later one at once. */
  void unstick() {
    stuck = false;
    Sent p = pending;
    pending = null;
    if (p != null) {
      p.done(null);
    }
  }

  @Override
  public void send(java.util.List<byte[]> messages, Sent done) {
    for (byte[] m : messages) {
      sent.add(new String(m, java.nio.charset.StandardCharsets.UTF_8));
    }
    if (stuck) {
      pending = done;
    } else {
      done.done(null);
    }
  }

  @Override
  public void ping() {
    pings++;
    if (answersPings) {
      session.onPong();
    }
  }

  @Override
  public void close(int code, String reason) {
    closed.complete(code + " " + reason);
    if (session != null && completesClose) {
      session.onClose(code);
    }
  }

  @Override
  public void abort() {
    aborted = true;
    closed.complete("1006");
    Sent p = pending;
    if (p != null) {
      p.done(new java.io.IOException("aborted"));
    }
    if (session != null) {
      session.onClose(1006);
    }
  }
}
