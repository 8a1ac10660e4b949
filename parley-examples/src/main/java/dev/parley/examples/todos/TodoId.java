package dev.parley.examples.todos;

import jakarta.validation.constraints.NotNull;

/**
 * The input of {@link TodoApi#DELETE_TODO}: which todo.
 *
 * @param id the {@link Todo#id()} of the todo
 */
public record TodoId(@NotNull String id) {}
