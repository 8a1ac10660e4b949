package dev.parley;

/**
 * Where descriptors start. Each factory returns a descriptor with no input and no output, for the
 * shared surface; refine it with its copy methods:
 *
 * <pre>{@code
 * Query<Shared, Void, List<Todo>> list = Parley.query("todos.list").output(Schema.listOf(Todo.class));
 * Mutation<Shared, NewTodo, Todo> add = Parley.mutation("todos.add").input(NewTodo.class).output(Todo.class);
 * }</pre>
 */
public final class Parley {
  private Parley() {}

  /**
   * A query named {@code name}, taking and returning nothing until refined.
   *
   * @throws IllegalArgumentException if the name is not dotted segments of letters, digits and
   *     {@code _}
   */
  public static Query<Shared, Void, Void> query(String name) {
    return new Query<>(Shape.named(name));
  }

  /**
   * A mutation named {@code name}, taking and returning nothing until refined.
   *
   * @throws IllegalArgumentException if the name is not dotted segments of letters, digits and
   *     {@code _}
   */
  public static Mutation<Shared, Void, Void> mutation(String name) {
    return new Mutation<>(Shape.named(name));
  }
}
