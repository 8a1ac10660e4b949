package dev.parley.testing;

import dev.parley.Role;
import dev.parley.Shared;
import dev.parley.client.ClientOptions;
import dev.parley.client.ParleyClient;
import dev.parley.jetty.JettyTransport;
import dev.parley.server.ParleyServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link ParleyServer} served by a real Jetty on {@code 127.0.0.1} and a free port, with an HTTP
 * {@link ParleyClient} bound to it (and WebSocket clients on demand, {@link #websocket()}); made by
 * {@link ParleyTest#http}. Thread-safe.
 *
 * <p>{@link #close()} closes the client, then stops Jetty gracefully, giving calls in flight at
 * most {@link #SHUTDOWN_GRACE} to finish, and shuts the server down.
 */
public final class TestServer implements AutoCloseable {
  /** How long {@link #close()} lets calls in flight finish: 1 second, short for tests. */
  public static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(1);

  private final ParleyServer<?> server;
  private final JettyTransport transport;
  private final ParleyClient<Shared> client;
  private final List<ParleyClient<?>> clients = new CopyOnWriteArrayList<>();

  private TestServer(ParleyServer<?> server, JettyTransport transport) {
    this.server = server;
    this.transport = transport;
    this.client = ParleyClient.http(transport.uri(), server.contract());
  }

  static TestServer start(ParleyServer<?> server) {
    JettyTransport transport = JettyTransport.builder(server)
        .host("127.0.0.1").port(0).shutdownGrace(SHUTDOWN_GRACE).start();
    try {
      return new TestServer(server, transport);
    } catch (RuntimeException e) {
      transport.close();
      throw e;
    }
  }

  /** The client bound to {@link #uri()}, for the server's whole contract; closed with this. */
  public ParleyClient<Shared> client() {
    return client;
  }

  /**
   * A new client bound to {@link #uri()} for callers of {@code role}, sending {@code options}'s
   * headers (e.g. {@code authorization}) with every call; closed with this.
   */
  public <R extends Shared> ParleyClient<R> client(Role<R> role, ClientOptions options) {
    ParleyClient<R> c = ParleyClient.http(uri(), server.contract(), role, options);
    clients.add(c);
    return c;
  }

  /**
   * A new client over one WebSocket to {@link #socketUri()}, for the server's whole contract as an
   * anonymous caller; closed with this.
   */
  public ParleyClient<Shared> websocket() {
    return websocket(Role.SHARED, ClientOptions.defaults());
  }

  /**
   * A new client over one WebSocket to {@link #socketUri()} for callers of {@code role}, sending
   * {@code options}'s headers with its upgrade and its {@code connectionParams} first; closed with
   * this.
   */
  public <R extends Shared> ParleyClient<R> websocket(Role<R> role, ClientOptions options) {
    ParleyClient<R> c = ParleyClient.websocket(socketUri(), server.contract(), role, options);
    clients.add(c);
    return c;
  }

  /** The WebSocket URI of the wire, e.g. {@code ws://127.0.0.1:41234/parley}. */
  public URI socketUri() {
    return URI.create("ws" + uri().toString().substring("http".length()));
  }

  /** The base URI of the wire, e.g. {@code http://127.0.0.1:41234/parley}. */
  public URI uri() {
    return transport.uri();
  }

  /** The server being served. */
  public ParleyServer<?> server() {
    return server;
  }

  /** Closes the client, stops Jetty gracefully and shuts the server down; idempotent. */
  @Override
  public void close() {
    try {
      client.close();
      clients.forEach(ParleyClient::close);
    } finally {
      transport.close();
    }
  }

  @Override
  public String toString() {
    return "TestServer[" + uri() + "]";
  }
}
