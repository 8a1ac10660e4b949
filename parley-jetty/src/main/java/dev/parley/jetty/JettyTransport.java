package dev.parley.jetty;

import dev.parley.jetty.internal.JettyServers;
import dev.parley.server.ParleyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.Server;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a {@link ParleyServer} over HTTP with an embedded Jetty 12: HTTP/1.1 and h2c (HTTP/2
 * without TLS, by prior knowledge or by {@code Upgrade}) on one port, every call on a virtual
 * thread, tRPC's wire under a base path, WebSocket connections ({@code wsLink}'s wire) at the base
 * path itself ({@code ws://host:port/parley}, by HTTP/1.1 {@code Upgrade} or HTTP/2's extended
 * {@code CONNECT}), and optionally static files at {@code /}.
 *
 * <pre>{@code
 * try (var http = JettyTransport.start(server, 8080)) { ... }          // http://0.0.0.0:8080/parley
 * var http = JettyTransport.builder(server).host("127.0.0.1").port(0)  // a free port
 *     .basePath("/api").staticFiles("web").start();
 * }</pre>
 *
 * <p>Request bodies longer than the server's {@link dev.parley.server.ServerOptions#maxBodyBytes()
 * maxBodyBytes} are refused with {@code 413 PAYLOAD_TOO_LARGE} as soon as they pass it. Paths
 * outside the base path are static files when configured, else {@code 404} in plain text. Instances
 * are thread-safe; {@link #close()} is graceful and idempotent.
 */
public final class JettyTransport implements AutoCloseable {
  /** The default base path, {@value}. */
  public static final String DEFAULT_BASE_PATH = "/parley";
  /** The default host to listen on, {@value} (every interface). */
  public static final String DEFAULT_HOST = "0.0.0.0";
  /** The default time calls in flight get to finish on {@link #close()}: 10 seconds. */
  public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(10);
  /** The default of {@link Builder#requestReadTimeout}: 30 seconds. */
  public static final Duration DEFAULT_REQUEST_READ_TIMEOUT = Duration.ofSeconds(30);
  /** The default of {@link Builder#maxConnections}: {@value}. */
  public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
  /** The default of {@link Builder#acceptQueueSize}: {@value} connections. */
  public static final int DEFAULT_ACCEPT_QUEUE_SIZE = 1024;

  private static final Logger LOG = LoggerFactory.getLogger(JettyTransport.class);

  private final ParleyServer<?> server;
  private final Server jetty;
  private final String host;
  private final String basePath;
  private final Duration grace;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile int port = -1;

  private JettyTransport(Builder b) {
    this.server = b.server;
    this.host = b.host;
    this.basePath = b.basePath;
    this.grace = b.shutdownGrace;
    this.jetty = JettyServers.create(b.server, new JettyServers.Settings(b.host, b.port,
        b.basePath, b.staticFiles, grace, b.readTimeout, b.maxConnections, b.acceptQueueSize));
  }

  /**
   * Starts serving {@code server} on {@code port} of every interface under {@value
   * #DEFAULT_BASE_PATH}, after {@link ParleyServer#assertAllImplemented()}.
   *
   * @param port the TCP port, 0 for a free one
   * @throws IllegalStateException if a procedure of the contract is not implemented
   * @throws UncheckedIOException if the port cannot be bound
   */
  public static JettyTransport start(ParleyServer<?> server, int port) {
    return builder(server).port(port).start();
  }

  /** A builder for serving {@code server}; nothing runs until {@link Builder#start()}. */
  public static Builder builder(ParleyServer<?> server) {
    return new Builder(Objects.requireNonNull(server, "server"));
  }

  /** The TCP port listened on (the one picked when 0 was asked for). */
  public int port() {
    return port;
  }

  /**
   * The base URI of the wire, e.g. {@code http://127.0.0.1:8080/parley}; a wildcard host ({@code
   * 0.0.0.0}, {@code ::}) shows as {@code localhost}.
   */
  public URI uri() {
    String h = host.equals("0.0.0.0") || host.equals("::") ? "localhost"
        : host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return URI.create("http://" + h + ":" + port() + (basePath.equals("/") ? "" : basePath));
  }

  /**
   * Stops gracefully: ends every live SSE subscription with {@code SERVICE_UNAVAILABLE} (its clients
   * resume elsewhere), asks every WebSocket client to reconnect and closes its connection ({@code
   * 1012}) once its calls in flight are answered (see {@link ParleyServer#closeStreams()}),
   * answers every new request with Parley's JSON {@code 503
   * SERVICE_UNAVAILABLE} and {@code Connection: close}, lets the requests in flight finish within
   * the shutdown grace (those whose body is still arriving included), then shuts the {@link
   * ParleyServer} down and stops Jetty, returning as soon as the last call is done. Calls still
   * running after the grace are cut off. Returns at once when already closed.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    long deadline = System.nanoTime() + grace.toNanos();
    server.closeStreams();
    try {
      if (!JettyServers.drain(jetty, deadline)) {
        LOG.warn("calls still running after the shutdown grace of {}; cutting them off", grace);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server.shutdown(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    try {
      jetty.stop();
    } catch (Exception e) {
      LOG.warn("Jetty did not stop cleanly", e);
    }
  }

  @Override
  public String toString() {
    return "JettyTransport[" + uri() + (closed.get() ? ", closed]" : "]");
  }

  private void run() {
    try {
      jetty.start();
      port = JettyServers.connector(jetty).getLocalPort();
    } catch (IOException e) {
      stopQuietly();
      throw new UncheckedIOException("cannot listen on " + host + ":" + requestedPort(), e);
    } catch (Exception e) {
      stopQuietly();
      throw new IllegalStateException("Jetty did not start", e);
    }
  }

  private int requestedPort() {
    return JettyServers.connector(jetty).getPort();
  }

  private void stopQuietly() {
    try {
      jetty.stop();
    } catch (Exception e) {
      LOG.debug("Jetty did not stop after a failed start", e);
    }
  }

  /** Configures and starts a {@link JettyTransport}. Not thread-safe; use once. */
  public static final class Builder {
    private final ParleyServer<?> server;
    private String host = DEFAULT_HOST;
    private int port;
    private String basePath = DEFAULT_BASE_PATH;
    private @Nullable String staticFiles;
    private Duration shutdownGrace = DEFAULT_SHUTDOWN_GRACE;
    private Duration readTimeout = DEFAULT_REQUEST_READ_TIMEOUT;
    private int maxConnections = DEFAULT_MAX_CONNECTIONS;
    private int acceptQueueSize = DEFAULT_ACCEPT_QUEUE_SIZE;

    private Builder(ParleyServer<?> server) {
      this.server = server;
    }

    /** The host or address to listen on; default {@value #DEFAULT_HOST} (every interface). */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** The TCP port; default 0, a free port (read it back with {@link JettyTransport#port()}). */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port: " + port + " (expected: 0..65535)");
      }
      this.port = port;
      return this;
    }

    /**
     * The path the wire is served under, e.g. {@code /api}, or {@code /} for the root; default
     * {@value #DEFAULT_BASE_PATH}. A trailing slash is dropped.
     */
    public Builder basePath(String basePath) {
      Objects.requireNonNull(basePath, "basePath");
      if (!basePath.startsWith("/") || basePath.contains("?") || basePath.contains("#")) {
        throw new IllegalArgumentException(
            "basePath: " + basePath + " (expected: a path starting with /)");
      }
      String trimmed = basePath.replaceAll("/+$", "");
      this.basePath = trimmed.isEmpty() ? "/" : trimmed;
      return this;
    }

    /**
     * Serves the files of class-path directory {@code classpathDir} (e.g. {@code web}) at {@code /},
     * with {@code index.html} for a directory; default none. Directories are never listed.
     */
    public Builder staticFiles(String classpathDir) {
      this.staticFiles = Objects.requireNonNull(classpathDir, "classpathDir");
      return this;
    }

    /**
     * How long {@link JettyTransport#close()} lets calls in flight finish; default 10 seconds.
     * Zero stops at once.
     */
    public Builder shutdownGrace(Duration grace) {
      Objects.requireNonNull(grace, "grace");
      if (grace.isNegative()) {
        throw new IllegalArgumentException("shutdownGrace: " + grace + " (expected: >= 0)");
      }
      this.shutdownGrace = grace;
      return this;
    }

    /**
     * The longest a request may take to arrive, headers and body, counted from its first byte;
     * default 30 seconds. A client that sends it more slowly (a byte at a time restarts the idle
     * timeout, not this) is answered {@code 408 TIMEOUT} in Parley's JSON and disconnected.
     *
     * @throws IllegalArgumentException when it is not longer than zero
     */
    public Builder requestReadTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "timeout");
      if (timeout.isZero() || timeout.isNegative()) {
        throw new IllegalArgumentException("requestReadTimeout: " + timeout + " (expected: > 0)");
      }
      this.readTimeout = timeout;
      return this;
    }

    /**
     * The most connections open at once; default {@value #DEFAULT_MAX_CONNECTIONS}. Past it the
     * server stops accepting until one closes, so new connections wait in the accept queue.
     *
     * @throws IllegalArgumentException when it is not positive
     */
    public Builder maxConnections(int connections) {
      if (connections <= 0) {
        throw new IllegalArgumentException("maxConnections: " + connections + " (expected: > 0)");
      }
      this.maxConnections = connections;
      return this;
    }

    /**
     * The listen backlog: connections the kernel holds until the server accepts them; default
     * {@value #DEFAULT_ACCEPT_QUEUE_SIZE} (the system's {@code somaxconn} may cap it). A burst of
     * connections larger than it is reset.
     *
     * @throws IllegalArgumentException when it is not positive
     */
    public Builder acceptQueueSize(int connections) {
      if (connections <= 0) {
        throw new IllegalArgumentException("acceptQueueSize: " + connections + " (expected: > 0)");
      }
      this.acceptQueueSize = connections;
      return this;
    }

    /**
     * Checks that every procedure is implemented ({@link ParleyServer#assertAllImplemented()}),
     * then starts listening.
     *
     * @throws IllegalStateException if a procedure is not implemented or Jetty does not start
     * @throws IllegalArgumentException if the static-files directory is not on the class path, or
     *     static files are asked for with the base path {@code /} (which would hide them)
     * @throws UncheckedIOException if the port cannot be bound
     */
    public JettyTransport start() {
      if (staticFiles != null && basePath.equals("/")) {
        throw new IllegalArgumentException(
            "basePath: / (expected: a path other than / when static files are served at /)");
      }
      server.assertAllImplemented();
      JettyTransport transport = new JettyTransport(this);
      transport.run();
      return transport;
    }
  }
}
