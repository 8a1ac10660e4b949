package dev.parley.server;

import dev.parley.Procedure;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a successful call produced: the handler's output, already checked against the procedure's
 * output schema, and the resources the implementation declared for it (what a query read, what a
 * mutation changed). Middleware gets one from {@link Middleware.Next#proceed} and returns it; only
 * Parley makes them. Immutable.
 */
public final class Result {
  private final Procedure<?, ?, ?> procedure;
  private final @Nullable Object output;
  private final Set<String> resources;

  Result(Procedure<?, ?, ?> procedure, @Nullable Object output, Set<String> resources) {
    this.procedure = procedure;
    this.output = output;
    this.resources = Set.copyOf(resources);
  }

  /** The procedure that produced it. */
  public Procedure<?, ?, ?> procedure() {
    return procedure;
  }

  /** The output; {@code null} for a procedure without output. */
  public @Nullable Object output() {
    return output;
  }

  /** The resources the call declared; empty when none. */
  public Set<String> resources() {
    return resources;
  }

  @Override
  public String toString() {
    return "Result[" + procedure.name() + ", resources " + resources + "]";
  }
}
