package dev.parley.client.internal;

import dev.parley.ParleyException;
import dev.parley.Subscription;
import dev.parley.SubscriptionListener;
import dev.parley.internal.wire.SocketMessages;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;

/**
 * One subscription of a {@link SocketLink}: what it takes to send it again (its id, input and the
 * event id of the last value received, to resume after), and its listener's {@link Backlog}, on
 * which everything the connection reads for it is handed to the listener, in order. The mutable
 * fields are guarded by the link's lock.
 *
 * @param <O> the output type
 */
final class SocketSubscription<O> extends LinkSubscription<O> {
  final long id;
  final Subscription<?, ?, O> subscription;
  final byte @Nullable [] input;
  final Backlog delivery;
  private final SocketLink link;
  /** The connection it was sent on; null while it waits to be sent (again). */
  @Nullable Socket sentOn;
  /** The event id of the last value received; sent as {@code lastEventId} when sent again. */
  @Nullable String resumeFrom;
  /** Retries after errors worth retrying, since the last value. */
  int attempt;
  /** The wait before it is sent again after such an error. */
  @Nullable ScheduledFuture<?> retry;

  SocketSubscription(SocketLink link, long id, Subscription<?, ?, O> subscription,
      byte @Nullable [] input, SubscriptionListener<O> listener, Set<LinkSubscription<?>> live,
      Backlog delivery) {
    super(subscription.name(), listener, live);
    this.link = link;
    this.id = id;
    this.subscription = subscription;
    this.input = input;
    this.delivery = delivery;
  }

  @Override
  void cancel() {
    link.stopped(this);
  }

  /** The message that asks for it, resuming after the last event id received. */
  String request(SocketMessages messages) {
    return SocketState.text(messages.request(id, SocketState.method(subscription),
        subscription.name(), input, resumeFrom));
  }

  /** The server accepted it (again: the listener hears the first only). */
  void onStarted() {
    delivery.execute(listener::started);
  }

  /** A value came. */
  void onValue(@Nullable O value, @Nullable String eventId) {
    delivery.execute(() -> value(value, eventId));
  }

  /** The server completed it. */
  void onCompleted() {
    delivery.execute(this::completed);
  }

  /** It failed for good. */
  void onFailed(ParleyException error) {
    delivery.execute(() -> failed(error));
  }
}
