package dev.parley.client.internal;

import dev.parley.Mutation;
import dev.parley.Query;
import dev.parley.Subscription;
import dev.parley.SubscriptionListener;
import dev.parley.Unary;
import dev.parley.client.ClientOptions;
import dev.parley.client.ClientSubscription;
import dev.parley.client.LiveQuery;
import dev.parley.client.MutationResult;
import dev.parley.client.ParleyClientException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The link a client calls through, around the link to the server: it keeps the {@link
 * QueryCache}, answers queries from it while fresh, and hands the resources of every mutation's
 * answer to it, so that listeners whose queries overlap refetch, whatever link made the mutation.
 */
public final class CachedLink implements Link {
  private final Link link;
  private final QueryCache cache;

  /** The link around {@code link}, its cache set by {@code options}. */
  public CachedLink(Link link, ClientOptions options) {
    this.link = link;
    this.cache = new QueryCache(link, options);
  }

  /** Listens to {@code query}; see {@code ParleyClient.listen}. */
  public <I, O> LiveQuery listen(Query<?, I, O> query, @Nullable I input, Set<String> extra,
      Consumer<? super @Nullable O> onValue, Consumer<? super ParleyClientException> onError) {
    return cache.listen(query, input, extra, onValue, onError);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <I, O> O call(Unary<?, I, O> procedure, @Nullable I input, Duration timeout) {
    if (procedure instanceof Mutation<?, ?, ?> m) {
      return mutate((Mutation<?, I, O>) m, input, timeout).value();
    }
    if (cache.caches(procedure)) {
      return Failures.await(cache.get(procedure, input), procedure.name()).value();
    }
    return link.call(procedure, input, timeout);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <I, O> CompletableFuture<O> callAsync(
      Unary<?, I, O> procedure, @Nullable I input, Duration timeout) {
    if (procedure instanceof Mutation<?, ?, ?> m) {
      return mapped(mutateAsync((Mutation<?, I, O>) m, input, timeout), MutationResult::value);
    }
    if (cache.caches(procedure)) {
      return cache.get(procedure, input).thenApply(MutationResult::value); // shared: not cancelled
    }
    return link.callAsync(procedure, input, timeout);
  }

  @Override
  public <I, O> MutationResult<O> mutate(
      Mutation<?, I, O> mutation, @Nullable I input, Duration timeout) {
    MutationResult<O> result = link.mutate(mutation, input, timeout);
    cache.invalidated(result.resources());
    return result;
  }

  @Override
  public <I, O> CompletableFuture<MutationResult<O>> mutateAsync(
      Mutation<?, I, O> mutation, @Nullable I input, Duration timeout) {
    return mapped(link.mutateAsync(mutation, input, timeout), result -> {
      cache.invalidated(result.resources());
      return result;
    });
  }

  @Override
  public <I, O> CompletableFuture<MutationResult<O>> fetch(
      Unary<?, I, O> procedure, @Nullable I input, Duration timeout) {
    return link.fetch(procedure, input, timeout);
  }

  @Override
  public <I, O> ClientSubscription subscribe(
      Subscription<?, I, O> subscription, @Nullable I input, SubscriptionListener<O> listener) {
    return link.subscribe(subscription, input, listener);
  }

  @Override
  public @Nullable Realtime realtime() {
    return link.realtime();
  }

  @Override
  public ConnectionStates states() {
    return link.states();
  }

  @Override
  public void close() {
    cache.close();
    link.close();
  }

  /** {@code source} mapped by {@code f}; cancelling the result cancels {@code source}. */
  private static <T, U> CompletableFuture<U> mapped(CompletableFuture<T> source,
      java.util.function.Function<? super T, ? extends U> f) {
    CompletableFuture<U> out = source.thenApply(f);
    out.whenComplete((value, error) -> {
      if (out.isCancelled()) {
        source.cancel(true);
      }
    });
    return out;
  }

  @Override
  public String toString() {
    return link.toString();
  }

  @Override
  public <SM> dev.parley.client.ChannelConnection<Object> connect(
      dev.parley.Channel<?, ?, ?, ?, ?, SM> channel, @Nullable Object params,
      @Nullable Object request, Consumer<? super SM> onMessage,
      Consumer<? super ParleyClientException> onError, Duration timeout) {
    return link.connect(channel, params, request, onMessage, onError, timeout);
  }

  @Override
  public <M> dev.parley.client.TopicSubscription subscribe(dev.parley.Topic<?, ?, M> topic,
      @Nullable Object params, Consumer<? super M> onMessage,
      Consumer<? super ParleyClientException> onError, Duration timeout) {
    return link.subscribe(topic, params, onMessage, onError, timeout);
  }

  @Override
  public <T> dev.parley.client.StateObservation observe(dev.parley.State<?, T> state,
      Consumer<? super T> onValue, Consumer<? super ParleyClientException> onError,
      Duration timeout) {
    return link.observe(state, onValue, onError, timeout);
  }

  @Override
  public <T> long set(dev.parley.State<?, T> state, T value, Duration timeout) {
    return link.set(state, value, timeout);
  }
}
