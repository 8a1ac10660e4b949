package dev.parley;

import java.time.Duration;

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
}
