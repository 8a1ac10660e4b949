package dev.parley.examples.todos;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The input of {@link TodoApi#ADD_TODO}.
 *
 * @param text what there is to do: required, 1 to {@value TodoApi#MAX_TEXT_LENGTH} characters
 */
public record NewTodo(@NotNull @Size(min = 1, max = TodoApi.MAX_TEXT_LENGTH) String text) {}
