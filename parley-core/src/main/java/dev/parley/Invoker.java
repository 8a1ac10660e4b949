package dev.parley;

import java.time.Duration;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Calls procedures of a server in the same JVM, with no transport and no serialization. Inputs and
 * outputs are still validated, middleware still runs, and the call has the same deadline as over
 * HTTP.
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
  <I, O> Result<O> call(Procedure<?, I, O> procedure, @Nullable I input, Duration timeout);

  /**
   * Calls {@code procedure} as {@link #call} does and returns only its output.
   *
   * @throws ParleyException with the code the call failed with
   */
  default <I, O> @Nullable O invoke(Procedure<?, I, O> procedure, @Nullable I input,
      Duration timeout) {
    return call(procedure, input, timeout).output();
  }

  /**
   * An output with the resources its call declared.
   *
   * @param output the output; {@code null} for a procedure without output
   * @param resources the declared resources, empty when none
   * @param <O> the output type
   */
  record Result<O>(@Nullable O output, Set<String> resources) {
    /** Copies the resources. */
    public Result {
      resources = Set.copyOf(resources);
    }
  }
}
