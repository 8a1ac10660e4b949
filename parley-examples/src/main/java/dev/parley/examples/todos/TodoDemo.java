package dev.parley.examples.todos;

import dev.parley.Contract;
import dev.parley.Subscription;
import dev.parley.examples.chat.ChatApi;
import dev.parley.examples.chat.ChatRoom;
import dev.parley.examples.chat.ChatServer;
import dev.parley.examples.chat.RoomChannel;
import dev.parley.examples.chat.DemoTokens;
import dev.parley.examples.chat.Rooms;
import dev.parley.examples.live.LiveApi;
import dev.parley.examples.live.LiveServer;
import dev.parley.examples.live.SlowFeed;
import dev.parley.jetty.JettyTransport;
import dev.parley.server.Identity;
import dev.parley.server.Middleware;
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
 * and printed at start-up; every caller may read {@code messages} and use the todos. Every caller
 * may also use the subscriptions, served as Server-Sent Events on {@code GET /parley/<name>}: the
 * rooms' chat ({@code chat.send}, {@code chat.onMessage}), {@code ticker} and {@code slow} with
 * {@code slow.active} ({@link LiveApi}).
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

  /**
   * The demo's contract: the todos of {@link TodoApi}, the chat of {@link ChatApi}, the
   * subscriptions of {@link LiveApi} and the chat channel {@link RoomChannel#ROOM}.
   */
  public static final Contract CONTRACT =
      TodoApi.CONTRACT.with(ChatApi.MESSAGES, ChatApi.SAY, ChatApi.ANNOUNCE, ChatApi.SEND,
          ChatApi.ON_MESSAGE, LiveApi.TICKER, LiveApi.SLOW, LiveApi.SLOW_ACTIVE, RoomChannel.ROOM)
          .with(dev.parley.examples.presence.PresenceApi.PRESENCE);

  /** Queries and mutations per caller and procedure: {@value} a second, the demo's rate limit. */
  public static final int CALLS_PER_SECOND = 100;

  /**
   * Subscriptions started per caller and procedure: {@value} per {@link #SUBSCRIPTION_PERIOD}, in
   * bursts as large, so that one client may open a few hundred at once.
   */
  public static final int SUBSCRIPTIONS_PER_PERIOD = 1000;

  /** The period of {@link #SUBSCRIPTIONS_PER_PERIOD}: 10 seconds. */
  public static final Duration SUBSCRIPTION_PERIOD = Duration.ofSeconds(10);

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
    System.out.println("  subscriptions (Server-Sent Events): curl -N " + transport.uri() + "/slow");
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
    return JettyTransport.builder(server(store, new ChatRoom(), new Rooms(), new SlowFeed(), tokens))
        .host(host)
        .port(port)
        .staticFiles(WEB_DIR)
        .start();
  }

  /** The demo's server as {@link #server(TodoStore, ChatRoom, Rooms, SlowFeed, DemoTokens)} makes it, with new rooms and a new slow feed. */
  public static ParleyServer<Identity<String>> server(
      TodoStore store, ChatRoom room, DemoTokens tokens) {
    return server(store, room, new Rooms(), new SlowFeed(), tokens);
  }

  /**
   * The demo's server: {@link #CONTRACT} over {@code store}, {@code room}, {@code rooms} and {@code
   * slow}, callers resolved by {@code tokens}, the context being the caller's identity. Every call
   * is rate-limited per caller and procedure by server-wide middleware: queries and mutations
   * {@value #CALLS_PER_SECOND} a second, subscriptions {@value #SUBSCRIPTIONS_PER_PERIOD} started
   * per 10 seconds; {@code say} and {@code announce} go through the chat's posting base ({@link
   * ChatServer}), {@value #POSTS_PER_PERIOD} per 10 seconds.
   */
  public static ParleyServer<Identity<String>> server(
      TodoStore store, ChatRoom room, Rooms rooms, SlowFeed slow, DemoTokens tokens) {
    ParleyServer<Identity<String>> server = ParleyServer.builder(CONTRACT)
        .authenticate(tokens)
        .use(rateLimits())
        .build();
    TodoServer.implement(server, store);
    ChatServer.implement(server.procedures(), room, rooms);
    LiveServer.implement(server.procedures(), slow);
    dev.parley.examples.presence.PresenceServer.install(server);
    RoomChannel.implement(server);
    server.assertAllImplemented();
    return server;
  }

  /**
   * One limit for calls (queries, mutations, and the chat channel's connects and messages, which
   * go through the server's middleware too), another for starting subscriptions, which last.
   */
  private static Middleware<Identity<String>, Identity<String>> rateLimits() {
    RateLimit<Identity<String>> calls = RateLimit.of(CALLS_PER_SECOND, Duration.ofSeconds(1));
    RateLimit<Identity<String>> starts = RateLimit.of(SUBSCRIPTIONS_PER_PERIOD, SUBSCRIPTION_PERIOD);
    return (ctx, call, next) -> (call.descriptor() instanceof Subscription<?, ?, ?> ? starts : calls)
        .intercept(ctx, call, next);
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
