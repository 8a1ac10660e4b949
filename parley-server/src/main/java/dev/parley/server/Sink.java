package dev.parley.server;

import java.util.Optional;

/**
 * Where a subscription's handler sends its values, one by one, until it returns. Each value is
 * validated against the subscription's output schema (unless the server is told otherwise) and
 * sent at once; {@link #next} blocks while the connection's outbound queue is full, so a handler
 * never runs ahead of its slowest reader by more than the queue.
 *
 * <p>When the subscriber stops, its connection closes or the server shuts down, the sink is
 * {@linkplain #isCancelled() cancelled}: the handler's thread is interrupted, and {@link #next}
 * throws {@link java.util.concurrent.CancellationException}, so that even a handler that never
 * looks ends. Used from the handler's thread; not for sharing between threads.
 *
 * <p>One object sent by many subscriptions (a fan-out, where each subscriber's handler sends the
 * value it read from a shared feed) is validated and encoded once for all of them: an object must
 * not change once sent, except to be sent again at once through the same sink (a handler that
 * grows one list and sends it after each change), which is always validated and encoded afresh.
 *
 * @param <O> the output type
 */
public interface Sink<O> {

  /**
   * Sends {@code value} without an event id.
   *
   * @throws java.util.concurrent.CancellationException if the subscription was cancelled
   * @throws dev.parley.ParleyException {@code INTERNAL_SERVER_ERROR} if the value fails the output
   *     schema: the subscription ends with that error
   */
  void next(O value);

  /**
   * Sends {@code value} tracked by the event id {@code id}: a client that reconnects names the last
   * id it saw, and the handler resumes after it ({@link #lastEventId()}).
   *
   * @throws java.util.concurrent.CancellationException if the subscription was cancelled
   * @throws dev.parley.ParleyException as {@link #next(Object)}
   */
  void next(String id, O value);

  /** Whether the subscription was cancelled: stopped, disconnected, or shut down. */
  boolean isCancelled();

  /**
   * The last event id the subscriber saw before it reconnected, from wherever the client put it:
   * the input's {@code lastEventId} property, the {@code Last-Event-ID} header, a {@code
   * lastEventId} query parameter, or the {@code lastEventId} of a WebSocket subscribe. Empty on a
   * first subscription.
   */
  Optional<String> lastEventId();
}
