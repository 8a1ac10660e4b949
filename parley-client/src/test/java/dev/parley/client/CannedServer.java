package dev.parley.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.parley.internal.json.JsonCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A local HTTP endpoint (the JDK's {@code HttpServer}) that answers {@link TestApi}'s procedures
 * with canned tRPC v11 JSON, single or batched, and records every request it receives. The real
 * Parley server cannot be used here: the client module must not depend on it.
 */
final class CannedServer implements AutoCloseable {
  /** One request as received. */
  record Received(String method, String path, @Nullable String query, String contentType,
      String body, @Nullable String authorization) {
    boolean batch() {
      return query != null && query.contains("batch=1");
    }

    /** The procedure names of the path, after the base. */
    List<String> names() {
      return List.of(path.substring(BASE.length() + 1).split(","));
    }

    /** The {@code input} parameter, URL-decoded. */
    @Nullable String input() {
      if (query == null) {
        return null;
      }
      for (String p : query.split("&")) {
        if (p.startsWith("input=")) {
          return URLDecoder.decode(p.substring(6), StandardCharsets.UTF_8);
        }
      }
      return null;
    }
  }

  static final String BASE = "/parley";
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AtomicInteger ids = new AtomicInteger();
  final List<Received> received = new CopyOnWriteArrayList<>();
  /** Opens to let {@code slow} answer. */
  final CountDownLatch gate = new CountDownLatch(1);
  /** Counts down each time a {@code slow} call arrives. */
  final CountDownLatch slowArrived = new CountDownLatch(1);

  CannedServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext(BASE, this::handle);
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + BASE);
  }

  /** The number of HTTP requests received so far. */
  int requests() {
    return received.size();
  }

  @Override
  public void close() {
    stopped.countDown();
    gate.countDown();
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange; InputStream in = exchange.getRequestBody()) {
      String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      URI uri = exchange.getRequestURI();
      String contentType = exchange.getRequestHeaders().getFirst("content-type");
      Received r = new Received(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(),
          contentType == null ? "" : contentType, body,
          exchange.getRequestHeaders().getFirst("authorization"));
      received.add(r);
      String rawInput = r.method().equals("POST") ? body : r.input();
      JsonNode input = rawInput == null || rawInput.isEmpty()
          ? null : JsonCodec.standard().parse(rawInput);
      if (!r.batch()) {
        if (r.names().get(0).equals("broken")) {
          send(exchange, 502, "text/html", "<html><body>Bad Gateway</body></html>");
          return;
        }
        ObjectNode answer = answer(r.names().get(0), input);
        send(exchange, status(answer), "application/json", answer.toString());
        return;
      }
      ArrayNode answers = NODES.arrayNode();
      int status = 0;
      for (int i = 0; i < r.names().size(); i++) {
        JsonNode in1 = input == null ? null : input.get(Integer.toString(i));
        ObjectNode answer = answer(r.names().get(i), in1);
        answers.add(answer);
        status = status == 0 || status == status(answer) ? status(answer) : 207;
      }
      send(exchange, status, "application/json", answers.toString());
    }
  }

  private ObjectNode answer(String name, @Nullable JsonNode input) {
    return switch (name) {
      case "echo" -> result(input);
      case "slow" -> {
        slowArrived.countDown();
        await(gate);
        yield result(NODES.stringNode("done"));
      }
      case "nothing" -> NODES.objectNode().set("result", NODES.objectNode());
      case "fail" -> failure();
      case "wrong" -> result(NODES.objectNode().put("id", "not a number").put("text", "x"));
      case "hang" -> {
        await(stopped);
        yield result(NODES.stringNode("late"));
      }
      case "todos.add" -> {
        int id = ids.incrementAndGet();
        ObjectNode todo = NODES.objectNode().put("id", id)
            .put("text", input == null ? "" : input.get("text").stringValue());
        ObjectNode answer = result(todo);
        ((ObjectNode) answer.get("result")).set("resources",
            NODES.arrayNode().add("todo/" + id).add("todos"));
        yield answer;
      }
      default -> error("NOT_FOUND", -32004, 404, "No procedure found on path \"" + name + "\"");
    };
  }

  private static ObjectNode result(@Nullable JsonNode data) {
    ObjectNode result = NODES.objectNode();
    if (data != null) {
      result.set("data", data);
    }
    return NODES.objectNode().set("result", result);
  }

  private static ObjectNode failure() {
    ObjectNode e = error("BAD_REQUEST", -32600, 400, "input is invalid: text: too short");
    ObjectNode data = (ObjectNode) e.get("error").get("data");
    data.set("issues", NODES.arrayNode().add(
        NODES.objectNode().put("path", "text").put("message", "size must be between 1 and 200")));
    data.set("details", NODES.objectNode().put("hint", "longer"));
    return e;
  }

  private static ObjectNode error(String code, int rpc, int status, String message) {
    ObjectNode data = NODES.objectNode().put("code", code).put("httpStatus", status);
    ObjectNode error = NODES.objectNode().put("message", message).put("code", rpc);
    error.set("data", data);
    return NODES.objectNode().set("error", error);
  }

  private static int status(ObjectNode answer) {
    JsonNode error = answer.get("error");
    return error == null ? 200 : error.get("data").get("httpStatus").intValue();
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(20, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("content-type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
