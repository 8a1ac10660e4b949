package dev.parley.server;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Declares the resources a procedure touches, computed after its handler succeeded: for a query
 * what it read, for a mutation what it changed. They travel with the result, sorted ({@code
 * "resources":[…]} beside {@code data} on the HTTP and WebSocket wires, {@link
 * dev.parley.Invoker.Result#resources()} in process) so that clients can refetch the queries they
 * overlap; a successful mutation's are also pushed to the WebSocket connections that watch an
 * overlapping name (see {@link ParleyServer#invalidate}). Names are plain strings such as {@code
 * "todos"} or {@code "todo/3"}; one that ends in {@code /*} ({@code "todo/*"}) stands for every
 * name below {@code todo/} ({@code "todo/3"}, {@code "todo/x/y"}, not {@code "todos"}).
 *
 * @param <C> the context type
 * @param <I> the input type
 * @param <O> the output type
 */
@FunctionalInterface
public interface Resources<C, I, O> {

  /** The resources of one successful call; empty when it touched none. */
  Set<String> resources(C ctx, @Nullable I input, @Nullable O output);
}
