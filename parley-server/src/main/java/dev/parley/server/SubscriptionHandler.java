package dev.parley.server;

import dev.parley.server.internal.Publishers;
import java.util.concurrent.Flow;

/**
 * The code behind one subscription: takes the caller's context and the validated input and sends
 * values to the {@link Sink} until it returns (the subscription completes), throws (it ends with
 * that error, answered as a query's error would be) or is cancelled. Runs as plain blocking code
 * on a virtual thread of its own, which is interrupted when the subscriber stops, its connection
 * closes or the server shuts down.
 *
 * <pre>{@code
 * server.implement(Api.TICKER, (ctx, in, sink) -> {
 *   for (long n = in.from(); n < in.from() + in.count(); n++) {
 *     sink.next(Long.toString(n), new Tick(n));
 *     Thread.sleep(in.intervalMs());
 *   }
 * });
 * }</pre>
 *
 * @param <C> the context type
 * @param <I> the input type; the input is {@code null} only for {@link Void} input
 * @param <O> the output type
 */
@FunctionalInterface
public interface SubscriptionHandler<C, I, O> {

  /**
   * Runs one subscription until it ends.
   *
   * @param ctx the caller's context, as the context factory and middleware made it
   * @param input the decoded input, already valid by the subscription's input schema
   * @param sink where to send the values
   * @throws Exception to end the subscription with an error
   */
  void handle(C ctx, I input, Sink<O> sink) throws Exception;

  /**
   * A handler for a source that is already asynchronous: each subscription subscribes to the
   * publisher that {@code source} returns, requests one value at a time as the sink takes them,
   * completes when the publisher does, fails when it fails, and cancels its subscription to the
   * publisher when the subscriber goes away. Values are sent untracked.
   */
  static <C, I, O> SubscriptionHandler<C, I, O> publisher(PublisherSource<C, I, O> source) {
    return (ctx, input, sink) -> Publishers.drain(source.open(ctx, input), sink);
  }

  /**
   * Opens the publisher of one subscription.
   *
   * @param <C> the context type
   * @param <I> the input type
   * @param <O> the output type
   */
  @FunctionalInterface
  interface PublisherSource<C, I, O> {

    /** The publisher of the values for {@code input}. */
    Flow.Publisher<? extends O> open(C ctx, I input) throws Exception;
  }
}
