package dev.parley.client.internal;

import dev.parley.ParleyException;
import dev.parley.SubscriptionListener;
import dev.parley.client.ClientSubscription;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The part of a {@link ClientSubscription} every link shares: its {@link GuardedListener}, its
 * place among its link's live subscriptions (left when it ends), and {@link #stop()}, which stops
 * delivery and then has the link cancel it upstream ({@link #cancel()}).
 *
 * @param <O> the output type
 */
abstract class LinkSubscription<O> implements ClientSubscription {
  final GuardedListener<O> listener;
  private final Set<LinkSubscription<?>> live;

  LinkSubscription(String name, SubscriptionListener<O> listener, Set<LinkSubscription<?>> live) {
    this.listener = new GuardedListener<>(name, listener);
    this.live = live;
    this.listener.onListenerFailure(this::end);
    live.add(this);
  }

  /** A subscription that failed before it reached the server: its listener has heard {@code error}. */
  static <O> LinkSubscription<O> failed(String name, SubscriptionListener<O> listener,
      ParleyException error) {
    LinkSubscription<O> s = new LinkSubscription<>(name, listener,
        java.util.concurrent.ConcurrentHashMap.newKeySet()) {
      @Override
      void cancel() {}
    };
    s.failed(error);
    return s;
  }

  /** Cancels the subscription upstream (the server's handler); called once, when it ends early. */
  abstract void cancel();

  /** Delivers a value. */
  final void value(@Nullable O value, @Nullable String id) {
    listener.value(value, id);
  }

  /** The server completed it. */
  final void completed() {
    listener.completed();
    live.remove(this);
  }

  /** It failed for good; nothing more is asked of the server. */
  final void failed(ParleyException error) {
    listener.failed(error);
    live.remove(this);
  }

  /** Its link closed: the listener hears {@code error}, the server is told to stop. */
  final void linkClosed(ParleyException error) {
    listener.failed(error);
    end();
  }

  @Override
  public final void stop() {
    if (listener.stop()) {
      end();
    }
  }

  private void end() {
    live.remove(this);
    cancel();
  }

  @Override
  public final String name() {
    return listener.name();
  }

  @Override
  public final Optional<String> lastEventId() {
    return Optional.ofNullable(listener.lastEventId());
  }

  @Override
  public final boolean isDone() {
    return listener.isDone();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + name() + (isDone() ? ", done]" : "]");
  }
}
