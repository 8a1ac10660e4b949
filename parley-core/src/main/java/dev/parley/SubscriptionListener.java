package dev.parley;

import org.jspecify.annotations.Nullable;

/**
 * Receives what one subscription sends, in order, on one thread at a time: {@link #onStarted}
 * once the server accepted it, then a {@link #onValue value} for each output, then at most one
 * of {@link #onComplete} (the handler returned) and {@link #onError} (it failed, was refused, or
 * its connection was lost for good). Nothing follows a stop asked for by the subscriber.
 *
 * @param <O> the output type
 */
@FunctionalInterface
public interface SubscriptionListener<O> {

  /**
   * The server accepted the subscription: its input was valid and its middleware let it through.
   * Over SSE, whose server opens the stream before it checks the input, it means the stream
   * opened, and a refused input follows as {@link #onError}.
   */
  default void onStarted() {}

  /**
   * One output.
   *
   * @param value the value, valid by the subscription's output schema
   * @param id its event id when the server tracked it, with which a reconnect resumes; else null
   */
  void onValue(O value, @Nullable String id);

  /** The subscription failed; nothing follows. */
  default void onError(ParleyException error) {}

  /** The server's handler ended the subscription; nothing follows. */
  default void onComplete() {}
}
