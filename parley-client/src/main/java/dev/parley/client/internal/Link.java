package dev.parley.client.internal;

import dev.parley.Mutation;
import dev.parley.Subscription;
import dev.parley.SubscriptionListener;
import dev.parley.Unary;
import dev.parley.client.ClientSubscription;
import dev.parley.client.MutationResult;
import dev.parley.client.ParleyClientException;
import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * How a client reaches a server: in process, over HTTP or over a WebSocket. Thread-safe. Every failure is a {@link
 * ParleyClientException}, thrown by the blocking methods and completing the futures of the others.
 *
 * <p>{@code timeout} is the caller's per-call limit; {@link Duration#ZERO} means none from the
 * client (the server's own limit still applies).
 */
public interface Link extends AutoCloseable {

  /** Calls {@code procedure} and waits for its output. */
  <I, O> O call(Unary<?, I, O> procedure, @Nullable I input, Duration timeout);

  /** Calls {@code procedure}; the future completes with its output. */
  <I, O> CompletableFuture<O> callAsync(
      Unary<?, I, O> procedure, @Nullable I input, Duration timeout);

  /** Calls {@code mutation} and waits for its output and reported resources. */
  <I, O> MutationResult<O> mutate(Mutation<?, I, O> mutation, @Nullable I input, Duration timeout);

  /** Calls {@code mutation}; the future completes with its output and reported resources. */
  <I, O> CompletableFuture<MutationResult<O>> mutateAsync(
      Mutation<?, I, O> mutation, @Nullable I input, Duration timeout);

  /**
   * Subscribes to {@code subscription} with {@code input}; {@code listener} hears it under the
   * contract of {@link SubscriptionListener}. Never throws for a failure of the subscription: that
   * reaches the listener's {@code onError}.
   */
  <I, O> ClientSubscription subscribe(
      Subscription<?, I, O> subscription, @Nullable I input, SubscriptionListener<O> listener);

  /**
   * Calls {@code procedure}; the future completes with its output and the resources its answer
   * carried (a query's when its implementation declared some, a mutation's always).
   */
  <I, O> CompletableFuture<MutationResult<O>> fetch(
      Unary<?, I, O> procedure, @Nullable I input, Duration timeout);

  /**
   * Has the server push invalidations of what this client watches to {@code pushes}: over a
   * WebSocket the link says {@code parley.hello} on every connection from now on. Other links
   * have no pushes: they ignore it.
   */
  default void pushes(Pushes pushes) {}

  /**
   * Tells the server the names this client now watches ({@code added}) and no longer watches
   * ({@code removed}); sent on the current connection when one is open (a new connection is told
   * everything through {@link Pushes#connected}). Other links ignore it.
   */
  default void watch(Collection<String> added, Collection<String> removed) {}

  /**
   * Connects {@code channel} with {@code params} and {@code request}, waiting at most {@code
   * timeout} ({@link Duration#ZERO}: no limit) for the server's {@code onConnect}; see {@code
   * ParleyClient.connect}. Only a WebSocket link has channels.
   *
   * @throws ParleyClientException the server's refusal, or {@code METHOD_NOT_SUPPORTED} when the
   *     link is not a WebSocket one
   */
  default <SM> dev.parley.client.ChannelConnection<Object> connect(
      dev.parley.Channel<?, ?, ?, ?, ?, SM> channel, @Nullable Object params,
      @Nullable Object request, java.util.function.Consumer<? super SM> onMessage,
      java.util.function.Consumer<? super ParleyClientException> onError, Duration timeout) {
    throw new ParleyClientException(dev.parley.ErrorCode.METHOD_NOT_SUPPORTED, channel.name()
        + ": channels need a WebSocket client (ParleyClient.websocket)", 0, null);
  }

  /**
   * Subscribes to {@code topic} with {@code params}, waiting at most {@code timeout} ({@link
   * Duration#ZERO}: no limit) for the server's answer; see {@code ParleyClient.subscribe}. Only a
   * WebSocket link has topics.
   *
   * @throws ParleyClientException the server's refusal, or {@code METHOD_NOT_SUPPORTED} when the
   *     link is not a WebSocket one
   */
  default <M> dev.parley.client.TopicSubscription subscribe(dev.parley.Topic<?, ?, M> topic,
      @Nullable Object params, java.util.function.Consumer<? super M> onMessage,
      java.util.function.Consumer<? super ParleyClientException> onError, Duration timeout) {
    throw new ParleyClientException(dev.parley.ErrorCode.METHOD_NOT_SUPPORTED, topic.name()
        + ": topics need a WebSocket client (ParleyClient.websocket)", 0, null);
  }

  /** Observes {@code state}; see {@code ParleyClient.observe}. Only a WebSocket link has state. */
  default <T> dev.parley.client.StateObservation observe(dev.parley.State<?, T> state,
      java.util.function.Consumer<? super T> onValue,
      java.util.function.Consumer<? super ParleyClientException> onError, Duration timeout) {
    throw new ParleyClientException(dev.parley.ErrorCode.METHOD_NOT_SUPPORTED, state.name()
        + ": shared state needs a WebSocket client (ParleyClient.websocket)", 0, null);
  }

  /** Sets {@code state}; see {@code ParleyClient.set}. Only a WebSocket link has state. */
  default <T> long set(dev.parley.State<?, T> state, T value, Duration timeout) {
    throw new ParleyClientException(dev.parley.ErrorCode.METHOD_NOT_SUPPORTED, state.name()
        + ": shared state needs a WebSocket client (ParleyClient.websocket)", 0, null);
  }

  /**
   * As {@link #watch(Collection, Collection)}, the names {@code added} because of an answer that
   * carried the server's invalidation sequence {@code since} (none when negative): the server then
   * pushes at once what changed of them after it.
   */
  default void watch(Collection<String> added, Collection<String> removed, long since) {
    watch(added, removed);
  }

  /** What a link tells the client's listeners. */
  interface Pushes {
    /** The server said these resources changed. */
    void invalidated(Set<String> resources);

    /**
     * A connection opened and said hello: the link's next {@link #watch} must tell it every name
     * watched; {@code again} when it is not the first, so that listeners refetch what they may
     * have missed.
     */
    void connected(boolean again);
  }

  /**
   * Its side of server events, client events and client procedures; null for links that have
   * none (only a WebSocket link has).
   */
  default @Nullable Realtime realtime() {
    return null;
  }

  /** The link's connection state and its listeners. */
  ConnectionStates states();

  /**
   * Stops the link: later calls and calls not answered yet fail with CLIENT_CLOSED_REQUEST, and
   * so do live subscriptions (their listeners' {@code onError}).
   */
  @Override
  void close();
}
