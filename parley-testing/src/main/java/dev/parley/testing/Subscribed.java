package dev.parley.testing;

import dev.parley.ParleyException;
import dev.parley.Shared;
import dev.parley.Subscription;
import dev.parley.SubscriptionListener;
import dev.parley.client.ClientSubscription;
import dev.parley.client.ParleyClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * A subscription a test made with {@link ParleyTest#subscribe}, recording what its listener heard
 * so that the test can wait for it and look at it:
 *
 * <pre>{@code
 * try (Subscribed<Tick> ticks = ParleyTest.subscribe(client, Api.TICKS, new Count(3))) {
 *   assertThat(ticks.awaitCompletion().values()).extracting(Tick::n).containsExactly(0L, 1L, 2L);
 * }
 * }</pre>
 *
 * <p>Every {@code await…} waits at most {@link #DEFAULT_WAIT} (or the time it is given) and
 * throws {@link AssertionError}, saying what was heard, when that passes; none of them waits for a
 * fixed time. {@link #close()} stops the subscription. Thread-safe.
 *
 * @param <O> the output type
 */
public final class Subscribed<O> implements SubscriptionListener<O>, AutoCloseable {
  /** How long an {@code await…} waits by default: 10 seconds. */
  public static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final List<O> values = new ArrayList<>();
  private final List<@Nullable String> ids = new ArrayList<>();
  private final String name;
  private boolean started;
  private boolean completed;
  private @Nullable ParleyException error;
  private @Nullable ClientSubscription subscription;

  private Subscribed(String name) {
    this.name = name;
  }

  static <R extends Shared, I, O> Subscribed<O> subscribe(ParleyClient<R> client,
      Subscription<? super R, I, O> subscription, @Nullable I input) {
    Objects.requireNonNull(client, "client");
    Subscribed<O> s = new Subscribed<>(subscription.name());
    ClientSubscription handle = client.subscribe(subscription, input, s);
    s.lock.lock();
    try {
      s.subscription = handle;
    } finally {
      s.lock.unlock();
    }
    return s;
  }

  /** The client's handle of the subscription. */
  public ClientSubscription subscription() {
    lock.lock();
    try {
      return Objects.requireNonNull(subscription, "subscription");
    } finally {
      lock.unlock();
    }
  }

  /** The values heard so far, in order. */
  public List<O> values() {
    lock.lock();
    try {
      return List.copyOf(values);
    } finally {
      lock.unlock();
    }
  }

  /** The event ids of the values heard so far, in order; null for an untracked value. */
  public List<@Nullable String> ids() {
    lock.lock();
    try {
      return new ArrayList<>(ids);
    } finally {
      lock.unlock();
    }
  }

  /** The error that ended the subscription, if it failed. */
  public Optional<ParleyException> error() {
    lock.lock();
    try {
      return Optional.ofNullable(error);
    } finally {
      lock.unlock();
    }
  }

  /** Whether the server completed the subscription. */
  public boolean isCompleted() {
    lock.lock();
    try {
      return completed;
    } finally {
      lock.unlock();
    }
  }

  /** Waits until the server accepted the subscription ({@code onStarted}); returns this. */
  public Subscribed<O> awaitStarted() {
    return await(DEFAULT_WAIT, "started", () -> started);
  }

  /** Waits until at least {@code n} values came, and returns the first {@code n}. */
  public List<O> awaitValues(int n) {
    return awaitValues(n, DEFAULT_WAIT);
  }

  /** Waits at most {@code wait} until at least {@code n} values came; returns the first {@code n}. */
  public List<O> awaitValues(int n, Duration wait) {
    await(wait, n + " values", () -> values.size() >= n);
    lock.lock();
    try {
      return List.copyOf(values.subList(0, n));
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until the server completed the subscription and returns this.
   *
   * @throws AssertionError when it failed instead (the error is the cause), or did not end in time
   */
  public Subscribed<O> awaitCompletion() {
    await(DEFAULT_WAIT, "completion", () -> completed || error != null);
    lock.lock();
    try {
      if (error != null) {
        throw new AssertionError("\"" + name + "\" failed instead of completing: " + error, error);
      }
      return this;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until the subscription failed and returns its error.
   *
   * @throws AssertionError when it completed instead, or did not end in time
   */
  public ParleyException awaitError() {
    await(DEFAULT_WAIT, "an error", () -> completed || error != null);
    lock.lock();
    try {
      if (error == null) {
        throw new AssertionError("\"" + name + "\" completed instead of failing; " + heard());
      }
      return error;
    } finally {
      lock.unlock();
    }
  }

  /** Stops the subscription. */
  @Override
  public void close() {
    subscription().stop();
  }

  @Override
  public void onStarted() {
    record(() -> started = true);
  }

  @Override
  public void onValue(O value, @Nullable String id) {
    record(() -> {
      values.add(value);
      ids.add(id);
    });
  }

  @Override
  public void onError(ParleyException error) {
    record(() -> this.error = error);
  }

  @Override
  public void onComplete() {
    record(() -> completed = true);
  }

  @Override
  public String toString() {
    lock.lock();
    try {
      return "Subscribed[" + name + ", " + heard() + "]";
    } finally {
      lock.unlock();
    }
  }

  private void record(Runnable change) {
    lock.lock();
    try {
      change.run();
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private Subscribed<O> await(Duration wait, String what, BooleanSupplier done) {
    long until = System.nanoTime() + wait.toNanos();
    lock.lock();
    try {
      while (!done.getAsBoolean()) {
        long left = until - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("\"" + name + "\": no " + what + " within " + wait + "; "
              + heard());
        }
        changed.awaitNanos(left);
      }
      return this;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for " + what, e);
    } finally {
      lock.unlock();
    }
  }

  private String heard() {
    return (started ? "started, " : "not started, ") + values.size() + " values " + values
        + (completed ? ", completed" : "") + (error != null ? ", failed: " + error : "");
  }
}
