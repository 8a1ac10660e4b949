package dev.parley.server.internal;

import dev.parley.server.Call;
import dev.parley.server.Result;
import org.jspecify.annotations.Nullable;

/**
 * What a route runs once implemented: its middleware chain, handler, output validation and
 * resources, from the caller's context (as the context factory made it) to the result.
 */
public interface Target {

  /**
   * Runs the call with the factory's context {@code ctx}.
   *
   * @param emission the sink of a subscription's values; null for a query or a mutation
   */
  Result run(Object ctx, Call call, @Nullable Emission emission) throws Exception;
}
