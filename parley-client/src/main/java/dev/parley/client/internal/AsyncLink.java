package dev.parley.client.internal;

import dev.parley.Mutation;
import dev.parley.Unary;
import dev.parley.client.MutationResult;
import java.net.URI;
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

  /**
   * {@code base} without a trailing slash, checked to be an absolute URI of {@code scheme} or its
   * secure form {@code secure}, without query or fragment.
   *
   * @throws IllegalArgumentException when it is not
   */
  static String base(URI base, String scheme, String secure) {
    String s = base.getScheme();
    if (!(scheme.equalsIgnoreCase(s) || secure.equalsIgnoreCase(s))
        || base.getRawQuery() != null || base.getRawFragment() != null || base.getHost() == null) {
      throw new IllegalArgumentException("base: " + base + " (expected: " + article(scheme) + " "
          + scheme + " or " + secure + " URI without query or fragment)");
    }
    String b = base.toString();
    return b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
  }

  private static String article(String scheme) {
    return "aeiou".indexOf(scheme.charAt(0)) >= 0 ? "an" : "a";
  }

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
  public final <I, O> CompletableFuture<MutationResult<O>> fetch(
      Unary<?, I, O> procedure, @Nullable I input, Duration timeout) {
    return start(procedure, input, timeout, true);
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
