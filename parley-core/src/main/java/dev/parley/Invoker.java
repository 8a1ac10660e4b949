package dev.parley;

import java.time.Duration;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Calls procedures of a server in the same JVM, with no transport and no serialization. Inputs and
 * outputs are still validated, middleware still runs, and the call has the same deadline as over
 * HTTP; a subscription's handler is cancelled when its subscriber stops.
 *
 * <p>A server hands one out per caller ({@code server.invoker(identity)}); the in-process client
 * link is built on it, so the client module needs no server on its class path. Implementations
 * are thread-safe.
 */
public interface Invoker {

  /**
   * Calls {@code procedure} with {@code input} and returns its output with the resources the call
   * declared (what a query read, what a mutation changed).
   *
   * @param timeout the longest the call may take; {@link Duration#ZERO} for the server's default
   * @throws ParleyException with the code the call failed with
   */
  <I, O> Result<O> call(Unary<?, I, O> procedure, @Nullable I input, Duration timeout);

  /**
   * Calls {@code procedure} as {@link #call} does and returns only its output.
   *
   * @throws ParleyException with the code the call failed with
   */
  default <I, O> @Nullable O invoke(Unary<?, I, O> procedure, @Nullable I input,
      Duration timeout) {
    return call(procedure, input, timeout).output();
  }

  /**
   * Subscribes to {@code subscription} with {@code input}: its handler runs on a virtual thread of
   * its own and {@code listener} receives its values on that thread. The subscription has no
   * deadline; it ends when its handler does, or when the returned handle stops it.
   *
   * @param lastEventId the last event id seen before, to resume after it; null to start afresh
   * @return the handle that stops it
   */
  <I, O> Stream subscribe(Subscription<?, I, O> subscription, @Nullable I input,
      @Nullable String lastEventId, SubscriptionListener<O> listener);

  /** A live subscription of {@link #subscribe}. */
  interface Stream {

    /** Stops the subscription: its handler is cancelled, its listener hears nothing more. */
    void stop();

    /** Whether it ended: stopped, completed or failed. */
    boolean isDone();
  }

  /**
   * An output with the resources its call declared.
   *
   * @param output the output; {@code null} for a procedure without output
   * @param resources the declared resources (what a query read, what a mutation changed),
   *     sorted; empty when none
   * @param <O> the output type
   */
  record Result<O>(@Nullable O output, Set<String> resources) {
    /** Copies the resources, sorted. */
    public Result {
      resources = resources.isEmpty() ? Set.of()
          : java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(resources));
    }
  }
}
