package dev.parley.server.internal;

import dev.parley.Descriptor;
import dev.parley.ParleyException;
import dev.parley.server.Call;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The pipeline's entry for the realtime handlers a client starts over its WebSocket: a channel's
 * connect and messages, a topic's subscribe, a client event. Each runs as a call does: through the
 * shutdown gate (counted in flight; refused {@code SERVICE_UNAVAILABLE} once a shutdown began),
 * with the connection's context from the server's context factory, behind the server-wide
 * middleware, and heard by the call listeners with its outcome. Thread-safe.
 */
public final class Realtime {
  /** The server-wide middleware, as the server hands it over; the default has none. */
  public interface Chain {
    /** No middleware: the handler runs with the factory's context. */
    Chain NONE = (ctx, call, handler) -> handler.handle(ctx);

    /**
     * Runs {@code call} through the middleware from the factory's context {@code ctx}, ending
     * with {@code handler}; returns the handler's output.
     *
     * @throws Exception what a middleware or the handler threw
     */
    @Nullable Object run(Object ctx, Call call, Handler handler) throws Exception;
  }

  /** A realtime handler, given the context the middleware ends with. */
  @FunctionalInterface
  public interface Handler {
    /**
     * Runs the handler.
     *
     * @return its output: a channel connection's context, a topic subscription's params, or null
     * @throws Exception to refuse or fail the call
     */
    @Nullable Object handle(Object ctx) throws Exception;
  }

  private final Pipeline pipeline;
  private final Chain chain;

  Realtime(Pipeline pipeline, Chain chain) {
    this.pipeline = pipeline;
    this.chain = Objects.requireNonNull(chain, "chain");
  }

  /**
   * Runs {@code handler} for {@code call} of {@code caller} on this thread: gate, context,
   * middleware, handler, listeners.
   *
   * @param start the {@link System#nanoTime()} at which the server took the call
   * @return the handler's output
   * @throws ParleyException the failure in Parley's form, after the listeners heard it ({@code
   *     SERVICE_UNAVAILABLE} once a shutdown began)
   */
  public @Nullable Object run(Caller caller, Call call, long start, Handler handler) {
    if (!pipeline.gate().enter()) {
      throw refused(call.name(), call.descriptor(), caller, start, Failures.shuttingDown());
    }
    try {
      Object output;
      try {
        output = chain.run(caller.context(), call, handler);
      } catch (Throwable t) {
        throw refused(call.name(), call.descriptor(), caller, start, Failures.of(t, call.name()));
      }
      pipeline.record(call.name(), call.descriptor(), caller, start, null, Set.of());
      return output;
    } finally {
      pipeline.gate().leave();
    }
  }

  /**
   * Tells the listeners of a call refused before its handler could run (an unknown name, invalid
   * params, a limit) and returns {@code error}, to be thrown or answered.
   *
   * @param descriptor the contract entry named, null when the name was not routed
   */
  public ParleyException refused(String name, @Nullable Descriptor<?> descriptor, Caller caller,
      long start, ParleyException error) {
    pipeline.record(name, descriptor, caller, start, error, Set.of());
    return error;
  }
}
