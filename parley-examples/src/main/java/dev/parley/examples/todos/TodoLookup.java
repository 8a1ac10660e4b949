package dev.parley.examples.todos;

/**
 * The answer of {@link TodoApi#GET_TODO}: the todo, or word that there is none, as a
 * discriminated union whose variants are named by their records' names ({@code "type":"Found"}).
 */
public sealed interface TodoLookup {

  /**
   * The todo asked for.
   *
   * @param todo the todo
   */
  record Found(Todo todo) implements TodoLookup {}

  /**
   * No todo has the id asked for.
   *
   * @param id the id asked for
   */
  record Missing(String id) implements TodoLookup {}
}
