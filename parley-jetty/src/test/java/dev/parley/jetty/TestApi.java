package dev.parley.jetty;

import dev.parley.Contract;
import dev.parley.Mutation;
import dev.parley.Parley;
import dev.parley.Query;
import dev.parley.Schema;
import dev.parley.Shared;
import dev.parley.server.ParleyRequest;
import dev.parley.server.ParleyServer;
import dev.parley.server.ServerOptions;
import jakarta.validation.constraints.NotBlank;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** A small contract, its server, and HTTP helpers shared by the transport's tests. */
final class TestApi {
  record NewTodo(@NotBlank String text) {}

  record Todo(long id, String text) {}

  record Id(long id) {}

  static final Query<Shared, Void, List<Todo>> LIST =
      Parley.query("todos.list").output(Schema.listOf(Todo.class));
  static final Query<Shared, Id, Todo> GET =
      Parley.query("todos.get").input(Id.class).output(Todo.class);
  static final Mutation<Shared, NewTodo, Todo> ADD =
      Parley.mutation("todos.add").input(NewTodo.class).output(Todo.class);
  /** Answers the caller's {@code x-user} header and remote address, as the server saw them. */
  static final Query<Shared, Void, String> WHOAMI = Parley.query("whoami").output(String.class);
  /** Waits until {@link #release} opens, after counting down {@link #entered}. */
  static final Mutation<Shared, Void, String> SLOW = Parley.mutation("slow").output(String.class);

  static final Contract CONTRACT = Contract.of(LIST, GET, ADD, WHOAMI, SLOW);

  /** A small body limit, so tests pass it cheaply. */
  static final int MAX_BODY_BYTES = 4096;

  final CountDownLatch entered = new CountDownLatch(1);
  final CountDownLatch release = new CountDownLatch(1);
  final ParleyServer<ParleyRequest> server;

  TestApi() {
    server = ParleyServer.builder(CONTRACT)
        .context((request, identity) -> request.orElseThrow())
        .options(ServerOptions.builder().maxBodyBytes(MAX_BODY_BYTES).build())
        .build();
    List<Todo> store = new CopyOnWriteArrayList<>(List.of(new Todo(1, "milk")));
    AtomicLong ids = new AtomicLong(1);
    server.implement(LIST, (ctx, in) -> List.copyOf(store));
    server.implement(GET, (ctx, in) -> store.stream().filter(t -> t.id() == in.id()).findFirst()
        .orElseThrow());
    server.implement(ADD, (ctx, in) -> {
      Todo t = new Todo(ids.incrementAndGet(), in.text());
      store.add(t);
      return t;
    }).resources((ctx, in, out) -> Set.of("todos"));
    server.implement(WHOAMI, (ctx, in) -> ctx.header("x-user").orElse("?") + "@"
        + (ctx.remoteAddress() == null ? "?" : ctx.remoteAddress().getAddress().getHostAddress()));
    server.implement(SLOW, (ctx, in) -> {
      entered.countDown();
      return release.await(10, TimeUnit.SECONDS) ? "done" : "not released";
    });
  }

  /** Serves {@link #server} on 127.0.0.1, a free port, the default base path. */
  JettyTransport start() {
    return JettyTransport.builder(server).host("127.0.0.1").start();
  }

  static HttpResponse<String> get(HttpClient http, URI uri) {
    return send(http, HttpRequest.newBuilder(uri).GET().build());
  }

  static HttpResponse<String> post(HttpClient http, URI uri, String json) {
    return send(http, HttpRequest.newBuilder(uri).header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build());
  }

  static HttpResponse<String> send(HttpClient http, HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static URI at(JettyTransport transport, String pathAndQuery) {
    return URI.create(transport.uri() + pathAndQuery);
  }

  static String input(String json) {
    return "input=" + java.net.URLEncoder.encode(json, StandardCharsets.UTF_8);
  }
}
