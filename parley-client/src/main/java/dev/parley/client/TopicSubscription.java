package dev.parley.client;

import java.util.Optional;

/**
 * A client's subscription to a {@link dev.parley.Topic}, made by {@link ParleyClient#subscribe(
 * dev.parley.Topic, Object, java.util.function.Consumer, java.util.function.Consumer)}: its
 * listener hears each message published to its params until {@link #close()}.
 *
 * <p>It outlives its WebSocket connection: after a reconnect the client subscribes again, with
 * the last event id it heard when the topic keeps messages, so that it gets those it missed. When
 * the server refuses that subscribe, the subscription ends and its error listener is told.
 * Thread-safe.
 */
public interface TopicSubscription extends AutoCloseable {
  /** The event id of the last message heard, when the topic keeps messages. */
  Optional<String> lastEventId();

  /** Whether it is still live (not closed, nor refused on a reconnect). */
  boolean isOpen();

  /** Ends the subscription: nothing more is heard. */
  @Override
  void close();
}
