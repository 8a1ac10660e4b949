package dev.parley.server;

import dev.parley.Contract;
import dev.parley.Mutation;
import dev.parley.Parley;
import dev.parley.Query;
import dev.parley.Schema;
import dev.parley.Shared;
import dev.parley.Subscription;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** A small todo contract and its server, shared by the tests, and helpers to send requests. */
final class Fixture {
  record NewTodo(@NotBlank @Size(max = 20) String text) {}

  record Todo(long id, String text) {}

  record Id(long id) {}

  record Edit(long id, @NotBlank @Size(max = 20) String text) {}

  record Feed(@jakarta.validation.constraints.Min(1) @jakarta.validation.constraints.Max(100) int limit) {}

  /** A discriminated union: the {@code type} property names the variant. */
  sealed interface Shape {
    record Circle(@jakarta.validation.constraints.Positive double radius) implements Shape {}

    record Square(@jakarta.validation.constraints.Positive double side) implements Shape {}
  }

  static final Query<Shared, Void, List<Todo>> LIST =
      Parley.query("todos.list").output(Schema.listOf(Todo.class)).cacheable();
  static final Mutation<Shared, NewTodo, Todo> ADD =
      Parley.mutation("todos.add").input(NewTodo.class).output(Todo.class);
  static final Query<Shared, Id, Todo> GET = Parley.query("todos.get").input(Id.class).output(Todo.class);
  /** How many todos there are; it declares the resource {@code todos}. */
  static final Query<Shared, Void, Integer> SIZE = Parley.query("todos.size").output(Integer.class);
  static final Mutation<Shared, Edit, Todo> EDIT =
      Parley.mutation("todos.edit").input(Edit.class).output(Todo.class);
  static final Query<Shared, Void, String> BOOM = Parley.query("boom").output(String.class);
  /** A static query: its output never changes. */
  static final Query<Shared, Void, String> VERSION =
      Parley.query("version").output(String.class).asStatic();
  static final Query<Shared, Void, Todo> BAD_OUTPUT = Parley.query("badOutput").output(Todo.class);
  static final Mutation<Shared, Void, Void> PING = Parley.mutation("ping");
  static final Query<Shared, Shape, Shape> GROW =
      Parley.query("grow").input(Shape.class).output(Shape.class);

  record Upto(@jakarta.validation.constraints.Min(1) @jakarta.validation.constraints.Max(100)
      int upto) {}

  /** Counts 1, 2 … upto, each value tracked by its own number; resumed after the last seen. */
  static final Subscription<Shared, Upto, Long> COUNT =
      Parley.subscription("count").input(Upto.class).output(Long.class);
  /** Each todo added from the moment it started, until stopped. */
  static final Subscription<Shared, Void, Todo> ADDED =
      Parley.subscription("todos.added").output(Todo.class);

  /** The todos after the last event id (a todo's id), up to {@code limit}, each tracked by its id. */
  static final Subscription<Shared, Feed, Todo> FEED =
      Parley.subscription("todos.feed").input(Feed.class).output(Todo.class);
  record Room(@NotBlank String room) {}

  record Join(@NotBlank String name) {}

  record Member(String name) {}

  record Say(@NotBlank @Size(max = 20) String text) {}

  record Said(String name, String text) {}

  /** A chat: connect to a room with a name ("mallory" is refused), say things to the room. */
  static final dev.parley.Channel<Shared, Room, Join, Member, Say, Said> CHAT =
      Parley.channel("chat").params(Room.class).connect(Join.class, Member.class)
          .clientMessage(Say.class).serverMessage(Said.class);

  /** What is said in a room, kept 2 per room; "secret" is refused, "lobby-…" narrowed to "lobby". */
  static final dev.parley.Topic<Shared, Room, Said> NEWS =
      Parley.topic("news").params(Room.class).message(Said.class);

  /** How many likes: a shared state that clients may set too; 0 at start. */
  static final dev.parley.State<Shared, Integer> LIKES =
      Parley.state("likes").value(Integer.class).clientWritable();

  static final Contract CONTRACT =
      Contract.of(LIST, ADD, GET, SIZE, EDIT, BOOM, BAD_OUTPUT, PING, GROW, FEED, COUNT, ADDED,
          VERSION, CHAT, NEWS, LIKES).with(RealtimeFixture.DESCRIPTORS);

  static final ServerOptions OPTIONS =
      ServerOptions.builder().maxBodyBytes(4096).maxJsonDepth(8).maxBatchSize(4).build();

  private Fixture() {}

  /** A server of {@link #CONTRACT} with every procedure implemented and a store with one todo. */
  static ParleyServer<Identity<Void>> server() {
    return implement(ParleyServer.builder(CONTRACT).options(OPTIONS).build());
  }

  static <C> ParleyServer<C> implement(ParleyServer<C> server) {
    List<Todo> store = new CopyOnWriteArrayList<>(List.of(new Todo(1, "milk")));
    List<java.util.concurrent.BlockingQueue<Todo>> watchers = new CopyOnWriteArrayList<>();
    AtomicLong ids = new AtomicLong(1);
    server.implement(LIST, (ctx, in) -> List.copyOf(store));
    server.implement(ADD, (ctx, in) -> {
      Todo t = new Todo(ids.incrementAndGet(), in.text());
      store.add(t);
      watchers.forEach(w -> w.add(t));
      return t;
    }).resources((ctx, in, out) -> Set.of("todos", "todo/" + out.id()));
    server.implement(SIZE, (ctx, in) -> store.size()).resources((ctx, in, out) -> Set.of("todos"));
    server.implement(COUNT, (ctx, in, sink) -> {
      long from = sink.lastEventId().map(Long::parseLong).orElse(0L) + 1;
      for (long n = from; n <= in.upto(); n++) {
        sink.next(Long.toString(n), n);
      }
    });
    server.implement(ADDED, (ctx, in, sink) -> {
      java.util.concurrent.BlockingQueue<Todo> added =
          new java.util.concurrent.LinkedBlockingQueue<>();
      watchers.add(added);
      try {
        while (true) {
          sink.next(added.take());
        }
      } finally {
        watchers.remove(added);
      }
    });
    server.implement(GET, (ctx, in) -> store.stream().filter(t -> t.id() == in.id()).findFirst()
        .orElseThrow(() -> new dev.parley.ParleyException(
            dev.parley.ErrorCode.NOT_FOUND, "no todo " + in.id())))
        .dump(List.of(new Id(1)))
        .fallback(new Todo(0, "unknown"));
    server.implement(VERSION, (ctx, in) -> "1.0");
    server.implement(EDIT, (ctx, in) -> {
      if (store.stream().noneMatch(t -> t.id() == in.id())) {
        throw new dev.parley.ParleyException(dev.parley.ErrorCode.NOT_FOUND, "no todo " + in.id());
      }
      Todo edited = new Todo(in.id(), in.text());
      store.replaceAll(t -> t.id() == in.id() ? edited : t);
      return edited;
    }).resources((ctx, in, out) -> Set.of("todos", "todo/" + out.id()));
    server.implement(BOOM, (ctx, in) -> {
      throw new IllegalStateException("secret detail");
    });
    server.implement(BAD_OUTPUT, (ctx, in) -> new Todo(7, null));
    server.implement(PING, (ctx, in) -> null);
    server.implement(FEED, (ctx, in, sink) -> {
      long after = sink.lastEventId().map(Long::parseLong).orElse(0L);
      store.stream().filter(t -> t.id() > after).limit(in.limit())
          .forEach(t -> sink.next(Long.toString(t.id()), t));
    });
    server.implement(GROW, (ctx, in) -> switch (in) {
      case Shape.Circle c -> new Shape.Circle(c.radius() * 2);
      case Shape.Square q -> new Shape.Square(q.side() * 2);
    });
    RealtimeFixture.install(server);
    server.channel(CHAT)
        .onConnect((caller, room, join) -> {
          if (join.name().equals("mallory")) {
            throw new dev.parley.ParleyException(dev.parley.ErrorCode.FORBIDDEN, "Banned");
          }
          return new Member(join.name());
        })
        .onMessage((caller, room, member, say) -> {
          server.send(CHAT, room, new Said(member.name(), say.text()));
          server.publish(NEWS, room, new Said(member.name(), say.text()));
        });
    server.topic(NEWS)
        .onSubscribe((caller, room) -> {
          if (room.room().equals("secret")) {
            throw new dev.parley.ParleyException(dev.parley.ErrorCode.FORBIDDEN, "Secret");
          }
          return room.room().startsWith("lobby-") ? new Room("lobby") : room;
        })
        .replay(2);
    server.state(LIKES).set(0);
    return server;
  }

  static ParleyRequest get(String path, String query) {
    return new ParleyRequest("GET", path, query, Map.of(), new byte[0], null);
  }

  static ParleyRequest post(String path, String query, String body) {
    return post(path, query, body.getBytes(StandardCharsets.UTF_8), "application/json");
  }

  static ParleyRequest post(String path, String query, byte[] body, String contentType) {
    Map<String, List<String>> headers =
        contentType == null ? Map.of() : Map.of("Content-Type", List.of(contentType));
    return new ParleyRequest("POST", path, query, headers, body, null);
  }

  /** {@code input=<json>} with the JSON URL-encoded. */
  static String input(String json) {
    return "input=" + java.net.URLEncoder.encode(json, StandardCharsets.UTF_8);
  }
}
