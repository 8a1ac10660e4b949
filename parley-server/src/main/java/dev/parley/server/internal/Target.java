package dev.parley.server.internal;

import dev.parley.server.Call;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** What a route runs once implemented: guards and handler, then the declared resources. */
interface Target<C, I, O> {

  /** Runs the guards, then the handler, with the context the middleware passed on. */
  @Nullable O run(C ctx, @Nullable I input, Call call) throws Exception;

  /** The resources of a successful call; empty when none are declared. */
  Set<String> resources(C ctx, @Nullable I input, @Nullable O output, Call call) throws Exception;
}
