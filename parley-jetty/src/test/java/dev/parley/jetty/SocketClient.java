package dev.parley.jetty;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A test's WebSocket client on the JDK's {@link WebSocket}: sends text, and collects every text
 * message, pong and the close the server sent, in order.
 */
final class SocketClient implements WebSocket.Listener, AutoCloseable {
  record Closed(int code, String reason) {}

  private final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
  private final CompletableFuture<Closed> closed = new CompletableFuture<>();
  private final StringBuilder partial = new StringBuilder();
  private final HttpClient http;
  volatile int pongs;
  volatile int pings;
  final WebSocket socket;

  private SocketClient(URI uri, HttpClient http, String... headers) {
    this.http = http;
    WebSocket.Builder b = http.newWebSocketBuilder();
    for (int i = 0; i < headers.length; i += 2) {
      b.header(headers[i], headers[i + 1]);
    }
    try {
      this.socket = b.buildAsync(uri, this).join();
    } catch (RuntimeException e) {
      http.close();
      throw e;
    }
  }

  /** Connects with one more header on the upgrade request. */
  static SocketClient withHeader(JettyTransport transport, String name, String value) {
    return new SocketClient(uri(transport, ""), HttpClient.newHttpClient(), name, value);
  }

  /** Connects to the WebSocket of {@code transport}, with {@code query} (may be empty). */
  static SocketClient open(JettyTransport transport, String query) {
    return open(transport, query, null);
  }

  /** Connects as a page of {@code origin} would (null: no Origin header). */
  static SocketClient open(JettyTransport transport, String query, String origin) {
    return origin == null ? new SocketClient(uri(transport, query), HttpClient.newHttpClient())
        : new SocketClient(uri(transport, query), HttpClient.newHttpClient(), "Origin", origin);
  }

  static URI uri(JettyTransport transport, String query) {
    return URI.create(transport.uri().toString().replaceFirst("^http", "ws")
        + (query.isEmpty() ? "" : "?" + query));
  }

  SocketClient send(String text) {
    socket.sendText(text, true).join();
    return this;
  }

  /** The next text message, within 10 s. */
  String next() throws InterruptedException {
    String t = texts.poll(10, TimeUnit.SECONDS);
    if (t == null) {
      throw new AssertionError("no message within 10 s");
    }
    return t;
  }

  /** Messages until one matches {@code last}, that one included. */
  List<String> until(Predicate<String> last) throws InterruptedException {
    List<String> all = new ArrayList<>();
    while (true) {
      String t = next();
      all.add(t);
      if (last.test(t)) {
        return all;
      }
    }
  }

  /** The next message, or null when none comes within {@code wait}. */
  String poll(Duration wait) throws InterruptedException {
    return texts.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The server's close, within 10 s. */
  Closed closed() throws Exception {
    return closed.get(10, TimeUnit.SECONDS);
  }

  boolean isClosed() {
    return closed.isDone();
  }

  @Override
  public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
    partial.append(data);
    if (last) {
      texts.add(partial.toString());
      partial.setLength(0);
    }
    ws.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
    pings++; // the JDK answers with a pong by itself
    ws.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
    pongs++;
    ws.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
    closed.complete(new Closed(code, reason));
    return null;
  }

  @Override
  public void onError(WebSocket ws, Throwable error) {
    closed.complete(new Closed(1006, String.valueOf(error)));
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
    }
    socket.abort();
    http.close();
  }
}
