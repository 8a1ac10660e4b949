package dev.parley.server;

import org.jspecify.annotations.Nullable;

/**
 * The code behind one procedure: takes the caller's context and the validated input, returns the
 * output. Runs as plain blocking code on a virtual thread: the transport's for HTTP calls, and for
 * in-process calls with a deadline one of its own (so that its caller is answered at the deadline);
 * an untimed in-process call runs on its caller's thread. Thread-locals of the caller therefore do
 * not reach it; pass what it needs in the context.
 *
 * <p>Throw a {@link dev.parley.ParleyException} to answer with its code and message; any other
 * exception becomes {@code INTERNAL_SERVER_ERROR} with a generic message, its details logged on the
 * server only. When the call's time is up the thread is interrupted.
 *
 * @param <C> the context type
 * @param <I> the input type; the input is {@code null} only for {@link Void} input
 * @param <O> the output type; return {@code null} for {@link Void} output
 */
@FunctionalInterface
public interface Handler<C, I, O> {

  /**
   * Handles one call.
   *
   * @param ctx the caller's context, as the context factory and middleware made it
   * @param input the decoded input, already valid by the procedure's input schema
   * @return the output, validated against the output schema unless the server is told otherwise
   * @throws Exception to fail the call; see the type's documentation for how it is answered
   */
  @Nullable O handle(C ctx, I input) throws Exception;
}
