package dev.parley.server.internal;

import dev.parley.Procedure;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One call as a transport hands it to the {@link Pipeline}: everything but its answer.
 *
 * @param name the procedure's name as the caller gave it
 * @param procedure the descriptor an in-process caller named, which must be the contract's own;
 *     null over the wire
 * @param input the raw input
 * @param caller who calls, with the request and the context source
 * @param method how the transport asked ({@code GET}, {@code POST}); the procedure's kind must fit
 *     it. Null for in-process calls, whose descriptor fixes the kind
 * @param budget the call's time limit in nanoseconds, 0 for none
 * @param deadline the {@link System#nanoTime()} at which the call times out; ignored when {@code
 *     budget} is 0
 * @param cancellation cancels the call with the others of its request
 * @param stream where a subscription's values go, and the last event id its transport read; null
 *     for a query or a mutation, and a subscription without one is refused
 */
public record Invocation(String name, @Nullable Procedure<?, ?, ?> procedure, Input input,
    Caller caller, @Nullable String method, long budget, long deadline,
    Cancellation cancellation, @Nullable Stream stream) {

  /** A query's or a mutation's call: no stream. */
  public Invocation(String name, @Nullable Procedure<?, ?, ?> procedure, Input input,
      Caller caller, @Nullable String method, long budget, long deadline,
      Cancellation cancellation) {
    this(name, procedure, input, caller, method, budget, deadline, cancellation, null);
  }

  /** Checks the parts. */
  public Invocation {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(caller, "caller");
    Objects.requireNonNull(cancellation, "cancellation");
  }

  /** Whether the call has a time limit: a subscription has none. */
  boolean timed() {
    return budget > 0 && stream == null;
  }
}
