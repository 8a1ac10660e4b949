package dev.parley.client;

import java.util.Optional;

/**
 * A live subscription of a {@link ParleyClient}, as {@link ParleyClient#subscribe} returns it: the
 * handle that stops it and tells how far it got.
 *
 * <p>Over HTTP (SSE) and WebSocket the client keeps the subscription alive by itself: when its
 * connection drops, or the server ends it with an error worth retrying, the client subscribes again
 * with the last event id it received, so that the server resumes after it. Thread-safe.
 */
public interface ClientSubscription {

  /** The name of the subscription, e.g. {@code chat.onMessage}. */
  String name();

  /**
   * Stops the subscription: the server's handler is cancelled, and the listener hears nothing
   * more once this returns (a listener call running on another thread is let finish first; called
   * from within the listener, it returns at once). Idempotent; does nothing once the subscription
   * ended.
   */
  void stop();

  /**
   * The event id of the last value handed to the listener, when the server tracked it: what a new
   * subscription would resume after. Empty before the first tracked value.
   */
  Optional<String> lastEventId();

  /**
   * Whether the subscription ended: stopped, completed, or failed (its listener had {@code
   * onComplete} or {@code onError}).
   */
  boolean isDone();
}
