package dev.parley;

import java.time.Duration;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Calls procedures of a server in the same JVM, with no transport and no serialization. Inputs and
 * outputs are still validated and middleware still runs.
 *
 * <p>A server hands one out per caller context; the in-process client link is built on it, so the
 * client module needs no server on its class path. Implementations are thread-safe.
 */
public interface Invoker {

  /**
   * Calls {@code procedure} with {@code input} and returns its output.
   *
   * @param timeout the longest the call may take; {@link Duration#ZERO} for the server's default
   * @throws ParleyException with the code the call failed with
   */
  <I, O> O invoke(Procedure<?, I, O> procedure, I input, Duration timeout);

  /**
   * Calls {@code procedure} as {@link #invoke} does and returns its output with the resources the
   * call declared (a mutation's changed resources; empty for a query). The default returns no
   * resources; a server's invoker returns the declared ones.
   *
   * @throws ParleyException with the code the call failed with
   */
  default <I, O> Result<O> invokeForResult(Procedure<?, I, O> procedure, I input, Duration timeout) {
    return new Result<>(invoke(procedure, input, timeout), Set.of());
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
