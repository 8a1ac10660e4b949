package dev.parley.examples.todos;

import dev.parley.Variant;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/**
 * How {@link TodoApi#FIND_TODOS} picks todos: a discriminated union, the Java form of zod's {@code
 * z.discriminatedUnion('type', …)}. On the wire each variant is its record's object with {@code
 * "type"} naming it: {@code {"type":"containing","text":"milk"}}.
 */
public sealed interface TodoFilter {

  /** Every todo. */
  @Variant("all")
  record All() implements TodoFilter {}

  /**
   * The todos whose text contains {@code text}, ignoring case.
   *
   * @param text what to look for, 1 to {@value TodoApi#MAX_TEXT_LENGTH} characters
   */
  @Variant("containing")
  record Containing(@NotBlank @Size(max = TodoApi.MAX_TEXT_LENGTH) String text)
      implements TodoFilter {}

  /**
   * The {@code count} todos added last, newest first.
   *
   * @param count how many, 1 to 100
   */
  @Variant("newest")
  record Newest(@Positive @Max(100) int count) implements TodoFilter {}
}
