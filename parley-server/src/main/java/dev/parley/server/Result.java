package dev.parley.server;

import dev.parley.Descriptor;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What a successful call produced: the handler's output, already checked against the procedure's
 * output schema, and the resources the implementation declared for it (what a query read, what a
 * mutation changed). For a channel connect the output is the connection's context {@code
 * onConnect} returned, for a topic subscribe the params the subscription gets; a channel message
 * and a client event have none. Middleware gets one from {@link Middleware.Next#proceed} and
 * returns it; only Parley makes them. Immutable.
 */
public final class Result {
  private final Descriptor<?> descriptor;
  private final @Nullable Object output;
  private final Set<String> resources;

  Result(Descriptor<?> descriptor, @Nullable Object output, Set<String> resources) {
    this.descriptor = descriptor;
    this.output = output;
    this.resources = Set.copyOf(resources);
  }

  /** The contract entry whose call produced it: the {@link Call#descriptor()} of its call. */
  public Descriptor<?> descriptor() {
    return descriptor;
  }

  /** The output; {@code null} when there is none (a procedure without output, a message). */
  public @Nullable Object output() {
    return output;
  }

  /** The resources the call declared; empty when none. */
  public Set<String> resources() {
    return resources;
  }

  @Override
  public String toString() {
    return "Result[" + descriptor.name() + ", resources " + resources + "]";
  }
}
