package dev.parley.examples.todos;

import dev.parley.ErrorCode;
import dev.parley.ParleyException;
import dev.parley.server.ParleyRequest;
import dev.parley.server.Identity;
import dev.parley.server.ParleyServer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Implements {@link TodoApi} over a {@link TodoStore}, declaring the resources of Covenant's seed:
 * {@code getTodos} reads {@code todos}; {@code addTodo} and {@code deleteTodo} change {@code todos}
 * and {@code todo/<id>}; {@code findTodos} reads {@code todos} and {@code getTodo} {@code todo/<id>}.
 * A static dump records {@code getTodos} and {@code buildInfo} ({@link StaticSite}); {@code getTodo}
 * of any id then answers its fallback, {@code Missing} with the id {@code ?}.
 */
public final class TodoServer {
  private TodoServer() {}

  /** The demo's version, as {@link TodoApi#BUILD_INFO} answers it: {@value}. */
  public static final String VERSION = "0.1.0-SNAPSHOT";

  /** The resource of the whole list. */
  public static final String TODOS = "todos";

  /** The resource of one todo, e.g. {@code todo/3}. */
  public static String todo(String id) {
    return "todo/" + id;
  }

  /**
   * A server with every procedure of {@link TodoApi#CONTRACT} implemented on {@code store}.
   * Errors: {@code deleteTodo} of an unknown id is {@link ErrorCode#NOT_FOUND}; {@code addTodo} on
   * a full store is {@link ErrorCode#CONFLICT}.
   */
  public static ParleyServer<Identity<Void>> create(TodoStore store) {
    ParleyServer<Identity<Void>> server = ParleyServer.builder(TodoApi.CONTRACT).build();
    implement(server, store);
    server.assertAllImplemented();
    return server;
  }

  /**
   * Implements the procedures of {@link TodoApi} on {@code server}, whose contract holds them (and
   * may hold more), over {@code store}; the handlers do not read the context.
   */
  public static <C> void implement(ParleyServer<C> server, TodoStore store) {
    Objects.requireNonNull(store, "store");
    server.implement(TodoApi.GET_TODOS, (ctx, in) -> store.all())
        .resources((ctx, in, out) -> Set.of(TODOS))
        .dump();

    server.implement(TodoApi.ADD_TODO, (ctx, in) -> {
          try {
            return store.add(in.text());
          } catch (TodoStore.StoreFullException e) {
            throw new ParleyException(ErrorCode.CONFLICT, e.getMessage());
          }
        })
        .resources((ctx, in, out) -> Set.of(TODOS, todo(Objects.requireNonNull(out).id())));

    server.implement(TodoApi.DELETE_TODO, (ctx, in) -> {
          if (store.remove(in.id()).isEmpty()) {
            throw new ParleyException(ErrorCode.NOT_FOUND, "No todo with id \"" + in.id() + "\"");
          }
          return null;
        })
        .resources((ctx, in, out) -> Set.of(TODOS, todo(Objects.requireNonNull(in).id())));

    server.implement(TodoApi.FIND_TODOS, (ctx, filter) -> find(store.all(), filter))
        .resources((ctx, in, out) -> Set.of(TODOS));

    server.implement(TodoApi.GET_TODO, (ctx, in) -> store.find(in.id())
            .<TodoLookup>map(TodoLookup.Found::new)
            .orElse(new TodoLookup.Missing(in.id())))
        .resources((ctx, in, out) -> Set.of(todo(Objects.requireNonNull(in).id())))
        .fallback(new TodoLookup.Missing("?"));

    BuildInfo info = new BuildInfo(VERSION, Instant.now().truncatedTo(ChronoUnit.MILLIS));
    server.implement(TodoApi.BUILD_INFO, (ctx, in) -> info);
  }

  /** The todos of {@code all} (oldest first) that {@code filter} picks. */
  static List<Todo> find(List<Todo> all, TodoFilter filter) {
    return switch (filter) {
      case TodoFilter.All a -> all;
      case TodoFilter.Containing c -> all.stream()
          .filter(t -> t.text().toLowerCase(Locale.ROOT).contains(c.text().toLowerCase(Locale.ROOT)))
          .toList();
      case TodoFilter.Newest n -> all.reversed().stream().limit(n.count()).toList();
    };
  }
}
