package dev.parley.jetty.internal;

import dev.parley.server.ParleyServer;
import java.time.Duration;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ResourceService;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
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
   * A Jetty server with one connector speaking HTTP/1.1 and h2c (by prior knowledge and by {@code
   * Upgrade}), the Parley handler under {@code basePath}, optionally static files from the class
   * path at {@code /}, and graceful stop within {@code grace}.
   *
   * @throws IllegalArgumentException if {@code staticDir} is not found on the class path
   */
  public static Server create(ParleyServer<?> parley, String host, int port, String basePath,
      @Nullable String staticDir, Duration grace) {
    Server jetty = new Server(threadPool());
    HttpConfiguration config = new HttpConfiguration();
    config.setSendServerVersion(false);
    config.setSendXPoweredBy(false);
    ServerConnector connector = new ServerConnector(jetty,
        new HttpConnectionFactory(config), new HTTP2CServerConnectionFactory(config));
    connector.setHost(host);
    connector.setPort(port);
    jetty.addConnector(connector);

    Handler files = staticDir == null ? null : staticFiles(staticDir);
    jetty.setHandler(new GracefulHandler(new ParleyHandler(parley, basePath, files)));
    jetty.setStopTimeout(grace.toMillis());
    jetty.setStopAtShutdown(false);
    return jetty;
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
