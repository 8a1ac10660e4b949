package dev.parley.jetty.internal;

import dev.parley.server.ParleyServer;
import java.time.Duration;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.ResourceService;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.resource.Resource;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ThreadPool;
import org.jspecify.annotations.Nullable;

/** Assembles the Jetty {@link Server} behind a {@code JettyTransport}; does not start it. */
public final class JettyServers {
  private JettyServers() {}

  /**
   * What a {@code JettyTransport} was configured with.
   *
   * @param host the host or address to listen on
   * @param port the TCP port, 0 for a free one
   * @param basePath the wire's path, {@code /} or e.g. {@code /parley}
   * @param staticDir a class-path directory served at {@code /}, or null
   * @param grace how long a stop lets calls in flight finish
   * @param readTimeout the longest a request (headers and body) may take to arrive
   * @param maxConnections the most connections open at once
   * @param acceptQueueSize the listen backlog
   */
  public record Settings(String host, int port, String basePath, @Nullable String staticDir,
      Duration grace, Duration readTimeout, int maxConnections, int acceptQueueSize) {}

  /**
   * A Jetty server with one connector speaking HTTP/1.1 and h2c (by prior knowledge and by {@code
   * Upgrade}), the Parley handler under the base path (WebSocket connections at the base path
   * itself), optionally static files from the class path
   * at {@code /}, graceful stop, Jetty's own refusals in Parley's JSON, a deadline on reading each
   * request, a cap on connections and the given listen backlog.
   *
   * @throws IllegalArgumentException if the static-files directory is not on the class path
   */
  public static Server create(ParleyServer<?> parley, Settings settings) {
    Server jetty = new Server(threadPool());
    HttpConfiguration config = new HttpConfiguration();
    config.setSendServerVersion(false);
    config.setSendXPoweredBy(false);
    ServerConnector connector = new ServerConnector(jetty,
        new HttpConnectionFactory(config), new HTTP2CServerConnectionFactory(config));
    connector.setHost(settings.host());
    connector.setPort(settings.port());
    connector.setAcceptQueueSize(settings.acceptQueueSize());
    jetty.addConnector(connector);
    jetty.addBean(new NetworkConnectionLimit(settings.maxConnections(), connector));
    JsonErrorHandler errors = new JsonErrorHandler(parley);
    jetty.setErrorHandler(errors);

    Handler files = settings.staticDir() == null ? null : staticFiles(settings.staticDir());
    ParleyHandler handler =
        new ParleyHandler(parley, jetty, settings.basePath(), settings.readTimeout(), files);
    Drain drain = new Drain(handler, errors.answer(503));
    SlowRequests slow = new SlowRequests(drain, settings.readTimeout().toNanos(),
        errors.answer(408).body());
    connector.addBean(slow);
    jetty.setHandler(slow);
    jetty.setStopTimeout(0); // JettyTransport drains before it stops Jetty
    jetty.setStopAtShutdown(false);
    return jetty;
  }

  /**
   * Refuses the new requests of {@code jetty} (made by {@link #create}) with {@code 503} and waits
   * until those in flight are answered or {@code deadline} ({@link System#nanoTime()}) passes.
   *
   * @return whether all were answered in time
   */
  public static boolean drain(Server jetty, long deadline) throws InterruptedException {
    return jetty.getDescendant(Drain.class).drain(deadline);
  }

  /** The connector made by {@link #create}. */
  public static ServerConnector connector(Server jetty) {
    return (ServerConnector) jetty.getConnectors()[0];
  }

  /**
   * Platform threads for selectors and acceptors, a new virtual thread for every blocking task (the
   * Parley handler). Chosen over Jetty's {@code VirtualThreadPool}: same throughput within noise in
   * a wrk run on 2 cores, but no cap on concurrent calls (its default max of 200 tasks would be a
   * hidden limit) and no selector parked on a virtual thread.
   */
  private static ThreadPool threadPool() {
    QueuedThreadPool pool = new QueuedThreadPool();
    pool.setName("parley-jetty");
    pool.setVirtualThreadsExecutor(VirtualThreads.getNamedVirtualThreadsExecutor("parley-call"));
    return pool;
  }

  private static Handler staticFiles(String dir) {
    ResourceHandler files = new ResourceHandler();
    Resource base = ResourceFactory.of(files).newClassLoaderResource(dir);
    if (base == null || !base.exists() || !base.isDirectory()) {
      throw new IllegalArgumentException(
          "staticFiles: " + dir + " (expected: a directory on the class path)");
    }
    files.setBaseResource(base);
    files.setDirAllowed(false);
    files.setWelcomeFiles("index.html");
    files.setWelcomeMode(ResourceService.WelcomeMode.SERVE);
    return files;
  }
}
