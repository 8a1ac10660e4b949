package dev.parley.examples.todos;

import dev.parley.jetty.JettyTransport;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the live demo: the todo API on the tRPC-compatible wire at {@code /parley} and its web page
 * at {@code /}, until the process is stopped (Ctrl-C).
 *
 * <p>The port is {@value #DEFAULT_PORT} unless {@code --port N} is given or the environment
 * variable {@code PORT} is set (the argument wins); 0 picks a free port.
 */
public final class TodoDemo {
  private TodoDemo() {}

  /** The port used when neither {@code --port} nor {@code PORT} says otherwise: {@value}. */
  public static final int DEFAULT_PORT = 8080;

  /** The class-path directory the web page is served from. */
  public static final String WEB_DIR = "web";

  /** Starts the demo and blocks until the JVM shuts down. */
  public static void main(String[] args) throws InterruptedException {
    int port;
    try {
      port = port(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("parley demo: " + e.getMessage());
      System.exit(2);
      return;
    }
    JettyTransport transport;
    try {
      transport = start(port);
    } catch (UncheckedIOException e) {
      System.err.println("parley demo: " + e.getMessage() + " (choose another port with --port N or PORT=N)");
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      transport.close();
      stopped.countDown();
    }, "parley-demo-shutdown"));
    System.out.println("Parley todo demo: http://localhost:" + transport.port() + "/  (API: "
        + transport.uri() + ", Ctrl-C to stop)");
    stopped.await();
  }

  /**
   * Serves the demo, with two todos to start from as Covenant's seed has, on {@code port} (0 for a
   * free one) of every interface.
   */
  public static JettyTransport start(int port) {
    return start(JettyTransport.DEFAULT_HOST, port);
  }

  /** Serves the demo as {@link #start(int)} does, on {@code host} only (e.g. {@code 127.0.0.1}). */
  public static JettyTransport start(String host, int port) {
    TodoStore store = new TodoStore();
    store.add("Read the overview");
    store.add("Try the quickstart");
    return JettyTransport.builder(TodoServer.create(store))
        .host(host)
        .port(port)
        .staticFiles(WEB_DIR)
        .start();
  }

  /**
   * The port chosen by {@code --port N} (or {@code --port=N}) in {@code args}, else by {@code PORT}
   * in {@code env}, else {@link #DEFAULT_PORT}.
   *
   * @throws IllegalArgumentException when the value is not a port number in 0..65535
   */
  static int port(String[] args, Map<String, String> env) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--port")) {
        if (i + 1 == args.length) {
          throw new IllegalArgumentException("--port: missing value (expected: a port, 0..65535)");
        }
        return parsePort("--port", args[i + 1]);
      }
      if (args[i].startsWith("--port=")) {
        return parsePort("--port", args[i].substring("--port=".length()));
      }
    }
    String fromEnv = env.get("PORT");
    return fromEnv == null || fromEnv.isBlank() ? DEFAULT_PORT : parsePort("PORT", fromEnv.strip());
  }

  private static int parsePort(String what, String value) {
    int port;
    try {
      port = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(what + ": " + value + " (expected: a port, 0..65535)", e);
    }
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException(what + ": " + port + " (expected: a port, 0..65535)");
    }
    return port;
  }
}
