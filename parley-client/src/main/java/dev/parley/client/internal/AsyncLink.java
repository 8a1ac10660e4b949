package dev.parley.client.internal;

import dev.parley.Mutation;
import dev.parley.Unary;
import dev.parley.client.MutationResult;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A link whose calls are all asynchronous underneath: the blocking and the asynchronous forms of
 * every call come from one {@link #start}.
 */
abstract class AsyncLink implements Link {

  /**
   * Starts one call; the future completes with its output, or with a {@link MutationResult} when
   * {@code whole}.
   */
  abstract <T> CompletableFuture<T> start(Unary<?, ?, ?> procedure, @Nullable Object input,
      Duration timeout, boolean whole);

  @Override
  public final <I, O> O call(Unary<?, I, O> procedure, @Nullable I input, Duration timeout) {
    return Failures.await(this.<O>start(procedure, input, timeout, false), procedure.name());
  }

  @Override
  public final <I, O> CompletableFuture<O> callAsync(
      Unary<?, I, O> procedure, @Nullable I input, Duration timeout) {
    return start(procedure, input, timeout, false);
  }

  @Override
  public final <I, O> MutationResult<O> mutate(
      Mutation<?, I, O> mutation, @Nullable I input, Duration timeout) {
    return Failures.await(this.<MutationResult<O>>start(mutation, input, timeout, true),
        mutation.name());
  }

  @Override
  public final <I, O> CompletableFuture<MutationResult<O>> mutateAsync(
      Mutation<?, I, O> mutation, @Nullable I input, Duration timeout) {
    return start(mutation, input, timeout, true);
  }
}
