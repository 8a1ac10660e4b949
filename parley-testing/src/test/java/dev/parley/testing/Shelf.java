package dev.parley.testing;

import dev.parley.Contract;
import dev.parley.Mutation;
import dev.parley.Parley;
import dev.parley.Query;
import dev.parley.Schema;
import dev.parley.Shared;
import dev.parley.server.Identity;
import dev.parley.server.ParleyServer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A todo shelf for the listener tests, with counters of its queries' calls: {@code todos} reads
 * {@code todos}, {@code todo} reads {@code todo/<id>}, {@code users} reads {@code users};
 * {@code add} changes {@code todos} and {@code todo/<id>}, {@code touchAll} changes {@code todo/*},
 * {@code addUser} changes {@code users}. The list query may be made slow, to make a burst.
 */
final class Shelf {
  record Text(String text) {}

  record Todo(int id, String text) {}

  record Id(int id) {}

  static final Query<Shared, Void, List<Todo>> TODOS =
      Parley.query("todos").output(Schema.listOf(Todo.class));
  static final Query<Shared, Id, Todo> TODO = Parley.query("todo").input(Id.class).output(Todo.class);
  static final Query<Shared, Void, Integer> USERS = Parley.query("users").output(Integer.class);
  static final Mutation<Shared, Text, Todo> ADD =
      Parley.mutation("add").input(Text.class).output(Todo.class);
  static final Mutation<Shared, Void, Void> TOUCH_ALL = Parley.mutation("touchAll");
  static final Mutation<Shared, Void, Integer> ADD_USER =
      Parley.mutation("addUser").output(Integer.class);
  /** Answers at once: a round trip after which what a client sent before it was read. */
  static final Query<Shared, Void, Integer> PING = Parley.query("ping").output(Integer.class);
  static final Contract CONTRACT =
      Contract.of(TODOS, TODO, USERS, ADD, TOUCH_ALL, ADD_USER, PING);

  final List<Todo> todos = new CopyOnWriteArrayList<>(List.of(new Todo(1, "milk")));
  final AtomicInteger users = new AtomicInteger();
  final AtomicInteger listCalls = new AtomicInteger();
  final AtomicInteger todoCalls = new AtomicInteger();
  final AtomicInteger userCalls = new AtomicInteger();
  final AtomicInteger listRunning = new AtomicInteger();
  final AtomicInteger listRunningMax = new AtomicInteger();
  volatile long listDelayMillis;
  /** Runs once in the next {@code todos} call, after it read the list: a change it missed. */
  volatile Runnable afterListRead;

  ParleyServer<Identity<Void>> server() {
    var server = ParleyServer.builder(CONTRACT).build();
    server.implement(TODOS, (ctx, in) -> {
      listCalls.incrementAndGet();
      listRunningMax.accumulateAndGet(listRunning.incrementAndGet(), Math::max);
      try {
        if (listDelayMillis > 0) {
          Thread.sleep(listDelayMillis);
        }
        List<Todo> read = List.copyOf(todos);
        Runnable after = afterListRead;
        afterListRead = null;
        if (after != null) {
          after.run();
        }
        return read;
      } finally {
        listRunning.decrementAndGet();
      }
    }).resources((ctx, in, out) -> Set.of("todos"));
    server.implement(TODO, (ctx, in) -> {
      todoCalls.incrementAndGet();
      return todos.stream().filter(t -> t.id() == in.id()).findFirst().orElseThrow();
    }).resources((ctx, in, out) -> Set.of("todo/" + in.id()));
    server.implement(USERS, (ctx, in) -> {
      userCalls.incrementAndGet();
      return users.get();
    }).resources((ctx, in, out) -> Set.of("users"));
    server.implement(ADD, (ctx, in) -> {
      Todo t = new Todo(todos.size() + 1, in.text());
      todos.add(t);
      return t;
    }).resources((ctx, in, out) -> Set.of("todos", "todo/" + out.id()));
    server.implement(TOUCH_ALL, (ctx, in) -> {
      todos.replaceAll(t -> new Todo(t.id(), t.text() + "!"));
      return null;
    }).resources((ctx, in, out) -> Set.of("todo/*"));
    server.implement(PING, (ctx, in) -> 0);
    server.implement(ADD_USER, (ctx, in) -> users.incrementAndGet())
        .resources((ctx, in, out) -> Set.of("users"));
    return server;
  }
}
