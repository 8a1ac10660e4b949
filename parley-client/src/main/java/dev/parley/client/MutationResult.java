package dev.parley.client;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The whole answer to a mutation: its output and the resources the server reported it changed
 * (declared where the mutation is implemented, e.g. {@code "todos"}, {@code "todo/3"}).
 *
 * <pre>{@code
 * MutationResult<Todo> added = client.mutateForResult(TodoApi.ADD, new NewTodo("milk"));
 * render(added.value());
 * cache.invalidate(added.resources());
 * }</pre>
 *
 * <p>Over HTTP the resources are the {@code result.resources} array of the wire, in the order the
 * server sent them (sorted by Parley's server); in process they are those the {@link
 * dev.parley.Invoker} returned with the output.
 *
 * @param value the mutation's output; {@code null} only for a {@code Void} output
 * @param resources the resources the mutation changed, never {@code null}; unmodifiable
 * @param <O> the output type
 */
public record MutationResult<O>(@Nullable O value, Set<String> resources) {

  /** Copies {@code resources}, keeping their order. */
  public MutationResult {
    Objects.requireNonNull(resources, "resources");
    resources = resources.isEmpty() ? Set.of()
        : resources instanceof dev.parley.client.internal.Sequenced ? resources // immutable
        : Collections.unmodifiableSet(new LinkedHashSet<>(resources));
  }
}
