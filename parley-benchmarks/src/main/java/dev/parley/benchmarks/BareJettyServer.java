package dev.parley.benchmarks;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.VirtualThreads;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The "bare Jetty" peer of the load benchmark: a Jetty 12 core {@link Handler} (no servlets) that
 * answers every request with the fixed body {@code {"result":{"data":{"text":"hi"}}}}, on virtual
 * threads, HTTP/1.1 and h2c (prior knowledge) on one port of 127.0.0.1. Its thread set-up is the one
 * Parley's Jetty transport uses, so the ratio Parley / bare Jetty measures Parley's own cost.
 */
public final class BareJettyServer {
  private static final byte[] BODY =
      "{\"result\":{\"data\":{\"text\":\"hi\"}}}".getBytes(StandardCharsets.UTF_8);
  private static final HttpField CONTENT_TYPE =
      new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "application/json");

  private BareJettyServer() {}

  /**
   * Starts the server and blocks until the process is stopped.
   *
   * @param args the port (default 8081)
   * @throws Exception if the port cannot be bound
   */
  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8081;
    Server server = start(port);
    System.out.println("bare Jetty listening on http://127.0.0.1:" + port + "/");
    server.join();
  }

  /**
   * Starts the fixed-body server on 127.0.0.1.
   *
   * @param port the port, 0 for a free one
   * @return the running server
   * @throws Exception if the port cannot be bound
   */
  public static Server start(int port) throws Exception {
    return start(port, new FixedBody());
  }

  /**
   * Starts {@code handler} on 127.0.0.1 with the bare server's Jetty set-up.
   *
   * @param port the port, 0 for a free one
   * @param handler what answers the requests (blocking handlers run on virtual threads)
   * @return the running server
   * @throws Exception if the port cannot be bound
   */
  static Server start(int port, Handler handler) throws Exception {
    QueuedThreadPool threads = new QueuedThreadPool();
    threads.setName("bare-jetty");
    // As parley-jetty's JettyServers: platform threads for I/O, a virtual thread per blocking task.
    threads.setVirtualThreadsExecutor(VirtualThreads.getNamedVirtualThreadsExecutor("bare-call"));
    Server server = new Server(threads);
    HttpConfiguration config = new HttpConfiguration();
    config.setSendServerVersion(false);
    ServerConnector connector =
        new ServerConnector(
            server, new HttpConnectionFactory(config), new HTTP2CServerConnectionFactory(config));
    connector.setHost("127.0.0.1");
    connector.setPort(port);
    server.addConnector(connector);
    server.setHandler(handler);
    server.setStopAtShutdown(true);
    server.start();
    return server;
  }

  /** Blocking handler (so Jetty runs it on a virtual thread, as Parley's handler). */
  private static final class FixedBody extends Handler.Abstract {
    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      response.setStatus(200);
      response.getHeaders().add(CONTENT_TYPE);
      response.getHeaders().put(HttpHeader.CONTENT_LENGTH, BODY.length);
      response.write(true, ByteBuffer.wrap(BODY), callback);
      return true;
    }
  }
}
