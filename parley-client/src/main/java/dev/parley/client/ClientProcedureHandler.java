package dev.parley.client;

import org.jspecify.annotations.Nullable;

/**
 * A client's implementation of a client procedure ({@link ParleyClient#register}): the server
 * calls it with a validated input and gets its output back. Runs on a virtual thread of its own
 * per call.
 *
 * <p>Throw a {@link dev.parley.ParleyException} to answer with its code and message; any other
 * exception is answered {@code INTERNAL_SERVER_ERROR} with a generic message, its own message
 * never sent.
 *
 * @param <I> the input type
 * @param <O> the output type
 */
@FunctionalInterface
public interface ClientProcedureHandler<I, O> {

  /**
   * Answers one call.
   *
   * @param input the input, valid by the procedure's schema
   * @return the output, checked against the output schema before it is sent
   * @throws Exception to answer with an error, as the type's documentation says
   */
  @Nullable O handle(@Nullable I input) throws Exception;
}
