package dev.parley.client;

import dev.parley.Contract;
import dev.parley.Mutation;
import dev.parley.Parley;
import dev.parley.Query;
import dev.parley.Shared;
import dev.parley.Subscription;

/** The contract the client tests call; {@link CannedServer} answers it over HTTP. */
final class TestApi {
  record NewTodo(String text) {}

  record Todo(int id, String text) {}

  /** Answers its input. */
  static final Query<Shared, String, String> ECHO =
      Parley.query("echo").input(String.class).output(String.class);
  /** Answers "done" once the canned server's gate opens. */
  static final Query<Shared, Void, String> SLOW = Parley.query("slow").output(String.class);
  /** Takes and returns nothing. */
  static final Query<Shared, Void, Void> NOTHING = Parley.query("nothing");
  /** Answers a BAD_REQUEST error with issues and details. */
  static final Query<Shared, String, String> FAIL =
      Parley.query("fail").input(String.class).output(String.class);
  /** Answers a proxy's HTML 502 page. */
  static final Query<Shared, Void, String> BROKEN = Parley.query("broken").output(String.class);
  /** Answers data that does not fit the output type. */
  static final Query<Shared, Void, Todo> WRONG = Parley.query("wrong").output(Todo.class);
  /** Never answers until the server stops. */
  static final Query<Shared, Void, String> HANG = Parley.query("hang").output(String.class);
  /** Adds a todo and reports the resources it changed. */
  static final Mutation<Shared, NewTodo, Todo> ADD =
      Parley.mutation("todos.add").input(NewTodo.class).output(Todo.class);

  /** A stream of strings (answered by hand over {@link CannedSocketServer}). */
  static final Subscription<Shared, Void, String> FEED =
      Parley.subscription("feed").output(String.class);

  static final Contract CONTRACT =
      Contract.of(ECHO, SLOW, NOTHING, FAIL, BROKEN, WRONG, HANG, ADD, FEED);

  private TestApi() {}
}
