package dev.parley.client.internal;

import dev.parley.ErrorCode;
import dev.parley.Invoker;
import dev.parley.Mutation;
import dev.parley.ParleyException;
import dev.parley.Procedure;
import dev.parley.Subscription;
import dev.parley.SubscriptionListener;
import dev.parley.Unary;
import dev.parley.client.ClientSubscription;
import dev.parley.client.ConnectionState;
import dev.parley.client.MutationResult;
import dev.parley.client.ParleyClientException;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import org.jspecify.annotations.Nullable;

/**
 * The link to a server in the same JVM: a direct call of {@link Invoker#invoke}, with no
 * serialization, no future and no thread on the blocking path. The invoker (the server) validates
 * and runs middleware; the per-call timeout is passed to it ({@link Duration#ZERO}: the server's
 * default). Asynchronous calls run the same call on a new virtual thread. A subscription is {@link
 * Invoker#subscribe}: its listener is called on its handler's thread, with the server's own
 * objects.
 */
public final class InProcessLink implements Link {
  private static final ThreadFactory THREADS =
      Thread.ofVirtual().name("parley-client-inprocess").factory();
  private static final Executor ASYNC = task -> THREADS.newThread(task).start();

  private final Invoker invoker;
  private final Set<LinkSubscription<?>> live = ConcurrentHashMap.newKeySet();
  private final ConnectionStates states = new ConnectionStates(ConnectionState.OPEN);
  private volatile boolean closed;

  /** The link that calls {@code invoker}. */
  public InProcessLink(Invoker invoker) {
    this.invoker = Objects.requireNonNull(invoker, "invoker");
  }

  @Override
  public <I, O> O call(Unary<?, I, O> procedure, @Nullable I input, Duration timeout) {
    if (closed) {
      throw Failures.closed(procedure.name());
    }
    try {
      return invoker.invoke(procedure, input, timeout);
    } catch (RuntimeException e) {
      throw failure(procedure, e);
    }
  }

  @Override
  public <I, O> CompletableFuture<MutationResult<O>> fetch(
      Unary<?, I, O> procedure, @Nullable I input, Duration timeout) {
    return CompletableFuture.supplyAsync(() -> result(procedure, input, timeout), ASYNC);
  }

  private <I, O> MutationResult<O> result(
      Unary<?, I, O> mutation, @Nullable I input, Duration timeout) {
    if (closed) {
      throw Failures.closed(mutation.name());
    }
    try {
      Invoker.Result<O> r = invoker.call(mutation, input, timeout);
      return new MutationResult<>(r.output(), r.resources());
    } catch (RuntimeException e) {
      throw failure(mutation, e);
    }
  }

  private static ParleyClientException failure(Procedure<?, ?, ?> procedure, RuntimeException e) {
    if (e instanceof ParleyException pe) {
      return Failures.of(pe);
    }
    return new ParleyClientException(ErrorCode.INTERNAL_SERVER_ERROR,
        procedure.name() + ": the invoker failed (" + e.getClass().getName() + ")", 0, e);
  }

  @Override
  public <I, O> CompletableFuture<O> callAsync(
      Unary<?, I, O> procedure, @Nullable I input, Duration timeout) {
    return CompletableFuture.supplyAsync(() -> call(procedure, input, timeout), ASYNC);
  }

  @Override
  public <I, O> MutationResult<O> mutate(
      Mutation<?, I, O> mutation, @Nullable I input, Duration timeout) {
    return result(mutation, input, timeout);
  }

  @Override
  public <I, O> CompletableFuture<MutationResult<O>> mutateAsync(
      Mutation<?, I, O> mutation, @Nullable I input, Duration timeout) {
    return CompletableFuture.supplyAsync(
        () -> result(mutation, input, timeout), ASYNC);
  }

  @Override
  public <I, O> ClientSubscription subscribe(
      Subscription<?, I, O> subscription, @Nullable I input, SubscriptionListener<O> listener) {
    Local<O> local = new Local<>(subscription.name(), listener, live);
    if (closed) {
      local.linkClosed(Failures.closed(subscription.name()));
      return local;
    }
    try {
      local.started(invoker.subscribe(subscription, input, null, new SubscriptionListener<O>() {
        @Override
        public void onStarted() {
          local.listener.started();
        }

        @Override
        public void onValue(O value, @Nullable String id) {
          local.value(value, id);
        }

        @Override
        public void onError(ParleyException error) {
          local.failed(Failures.of(error));
        }

        @Override
        public void onComplete() {
          local.completed();
        }
      }));
    } catch (RuntimeException e) {
      local.failed(failure(subscription, e));
    }
    if (closed) {
      local.linkClosed(Failures.closed(subscription.name()));
    }
    return local;
  }

  @Override
  public ConnectionStates states() {
    return states;
  }

  @Override
  public void close() {
    closed = true;
    for (LinkSubscription<?> s : live) {
      s.linkClosed(Failures.closed(s.name()));
    }
    states.set(ConnectionState.CLOSED, null);
  }

  /** An in-process subscription: its server-side stream, stopped when it ends early. */
  private static final class Local<O> extends LinkSubscription<O> {
    private Invoker.@Nullable Stream stream;
    private boolean cancelled;

    Local(String name, SubscriptionListener<O> listener, Set<LinkSubscription<?>> live) {
      super(name, listener, live);
    }

    synchronized void started(Invoker.Stream stream) {
      this.stream = stream;
      if (cancelled) {
        stream.stop();
      }
    }

    @Override
    synchronized void cancel() {
      cancelled = true;
      if (stream != null) {
        stream.stop();
      }
    }
  }

  @Override
  public String toString() {
    return "InProcessLink[" + invoker + "]";
  }
}
