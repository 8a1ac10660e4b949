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
  private SocketSession session;

  /** Opens a connection on {@code server} with the upgrade URL's {@code query}. */
  static RecordingSocket open(ParleyServer<?> server, String query) {
    RecordingSocket socket = new RecordingSocket();
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

  @Override
  public void send(String text, Sent done) {
    sent.add(text);
    done.done(null);
  }

  @Override
  public void ping() {
    pings++;
  }

  @Override
  public void close(int code, String reason) {
    closed.complete(code + " " + reason);
    if (session != null) {
      session.onClose(code);
    }
  }

  @Override
  public void abort() {
    closed.complete("1006");
    if (session != null) {
      session.onClose(1006);
    }
  }
}
