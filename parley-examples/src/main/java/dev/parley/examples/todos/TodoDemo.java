package dev.parley.examples.todos;

import dev.parley.Contract;
import dev.parley.examples.chat.ChatApi;
import dev.parley.examples.chat.ChatRoom;
import dev.parley.examples.chat.ChatServer;
import dev.parley.examples.chat.DemoTokens;
import dev.parley.jetty.JettyTransport;
import dev.parley.server.Identity;
import dev.parley.server.ParleyServer;
import dev.parley.server.RateLimit;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the live demo: the todo API and the chat on the tRPC-compatible wire at {@code /parley} and
 * the todo web page at {@code /}, until the process is stopped (Ctrl-C). The chat has two roles,
 * {@code user} ({@code say}) and {@code agent} ({@code announce}), each with a bearer token made
 * and printed at start-up; every caller may read {@code messages} and use the todos.
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

  /** The demo's contract: the todos of {@link TodoApi} and the chat of {@link ChatApi}. */
  public static final Contract CONTRACT =
      TodoApi.CONTRACT.with(ChatApi.MESSAGES, ChatApi.SAY, ChatApi.ANNOUNCE);

  /** Calls per caller and procedure: {@value} a second, the default of the demo's rate limit. */
  public static final int CALLS_PER_SECOND = 100;

  /** How many times a caller may say or announce something per 10 seconds: {@value}. */
  public static final int POSTS_PER_PERIOD = ChatServer.POSTS_PER_PERIOD;

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
    DemoTokens tokens = DemoTokens.random();
    JettyTransport transport;
    try {
      transport = start(JettyTransport.DEFAULT_HOST, port, tokens);
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
    System.out.println("  user token:  " + tokens.user() + "   (say)");
    System.out.println("  agent token: " + tokens.agent() + "   (announce)");
    System.out.println("  e.g. curl -H 'authorization: Bearer " + tokens.user()
        + "' -H 'content-type: application/json' -d '{\"text\":\"hi\"}' " + transport.uri() + "/say");
    stopped.await();
  }

  /**
   * Serves the demo, with two todos to start from as Covenant's seed has, on {@code port} (0 for a
   * free one) of {@code host} (e.g. {@code 127.0.0.1}), with new random tokens.
   */
  public static JettyTransport start(String host, int port) {
    return start(host, port, DemoTokens.random());
  }

  /** Serves the demo as {@link #start(String, int)} does, with the given tokens. */
  public static JettyTransport start(String host, int port, DemoTokens tokens) {
    TodoStore store = new TodoStore();
    store.add("Read the overview");
    store.add("Try the quickstart");
    return JettyTransport.builder(server(store, new ChatRoom(), tokens))
        .host(host)
        .port(port)
        .staticFiles(WEB_DIR)
        .start();
  }

  /**
   * The demo's server: {@link #CONTRACT} over {@code store} and {@code room}, callers resolved by
   * {@code tokens}, the context being the caller's identity. Every call is rate-limited per caller
   * and procedure ({@value #CALLS_PER_SECOND} a second, server-wide middleware); {@code say} and
   * {@code announce} go through the chat's posting base ({@link ChatServer}), {@value
   * #POSTS_PER_PERIOD} per 10 seconds.
   */
  public static ParleyServer<Identity<String>> server(
      TodoStore store, ChatRoom room, DemoTokens tokens) {
    ParleyServer<Identity<String>> server = ParleyServer.builder(CONTRACT)
        .authenticate(tokens)
        .use(RateLimit.of(CALLS_PER_SECOND, Duration.ofSeconds(1)))
        .build();
    TodoServer.implement(server, store);
    ChatServer.implement(server.procedures(), room);
    server.assertAllImplemented();
    return server;
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
