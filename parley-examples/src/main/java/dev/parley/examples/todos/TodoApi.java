package dev.parley.examples.todos;

import dev.parley.Contract;
import dev.parley.Mutation;
import dev.parley.Parley;
import dev.parley.Query;
import dev.parley.Schema;
import dev.parley.Shared;
import java.util.List;

/**
 * The todo contract, shared by the server and every client: the procedures of the todo example in
 * Covenant RPC's seed, with the same names, so the same calls work from {@code @trpc/client}, the
 * web page and {@link dev.parley.client.ParleyClient}.
 *
 * <p>The resources each procedure declares ({@link TodoServer}) are those of the seed: {@code
 * getTodos} reads {@code todos}; {@code addTodo} and {@code deleteTodo} change {@code todos} and
 * {@code todo/<id>}. Beyond the seed, {@code findTodos} takes a discriminated union ({@link
 * TodoFilter}) and {@code getTodo} returns one ({@link TodoLookup}); {@code getTodos} is cacheable and
 * {@code buildInfo} static (Devframe's kinds).
 */
public final class TodoApi {
  private TodoApi() {}

  /** The longest {@link NewTodo#text()} accepted, in characters: {@value}. */
  public static final int MAX_TEXT_LENGTH = 200;

  /**
   * Every todo, oldest first. Cacheable: over HTTP its answer carries an {@code ETag}, and a
   * request naming it gets {@code 304 Not Modified} until a mutation changes the todos.
   */
  public static final Query<Shared, Void, List<Todo>> GET_TODOS =
      Parley.query("getTodos")
          .output(Schema.listOf(Todo.class))
          .description("Every todo, oldest first.")
          .cacheable();

  /** Adds a todo and returns it; a text that is empty or over 200 characters is {@code BAD_REQUEST}. */
  public static final Mutation<Shared, NewTodo, Todo> ADD_TODO =
      Parley.mutation("addTodo")
          .input(NewTodo.class)
          .output(Todo.class)
          .description("Adds a todo and returns it.");

  /** Deletes a todo; an id the store does not hold is {@code NOT_FOUND}. */
  public static final Mutation<Shared, TodoId, Void> DELETE_TODO =
      Parley.mutation("deleteTodo")
          .input(TodoId.class)
          .description("Deletes a todo; NOT_FOUND when there is none with that id.");

  /** The todos a {@link TodoFilter} picks: a discriminated union as input. */
  public static final Query<Shared, TodoFilter, List<Todo>> FIND_TODOS =
      Parley.query("findTodos")
          .input(TodoFilter.class)
          .output(Schema.listOf(Todo.class))
          .description("The todos a filter picks: all, containing a text, or the newest.");

  /** One todo, or word that there is none: a discriminated union as output. */
  public static final Query<Shared, TodoId, TodoLookup> GET_TODO =
      Parley.query("getTodo")
          .input(TodoId.class)
          .output(TodoLookup.class)
          .description("One todo by id: Found with it, or Missing.");

  /**
   * The version of the demo and when its server started: a static query, computed once and served
   * with {@code Cache-Control: immutable}; a static dump records it.
   */
  public static final Query<Shared, Void, BuildInfo> BUILD_INFO =
      Parley.query("buildInfo")
          .output(BuildInfo.class)
          .description("The demo's version and when its server started.")
          .asStatic();

  /** The contract of the todo procedures. */
  public static final Contract CONTRACT =
      Contract.of(GET_TODOS, ADD_TODO, DELETE_TODO, FIND_TODOS, GET_TODO, BUILD_INFO);
}
