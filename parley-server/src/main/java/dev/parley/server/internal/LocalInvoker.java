package dev.parley.server.internal;

import dev.parley.Invoker;
import dev.parley.Subscription;
import dev.parley.SubscriptionListener;
import dev.parley.Unary;
import dev.parley.server.Identity;
import dev.parley.server.Transport;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ThreadFactory;
import org.jspecify.annotations.Nullable;

/** Calls the {@link Pipeline} in process as one caller: see {@code ParleyServer.invoker}. */
public final class LocalInvoker implements Invoker {
  private static final ThreadFactory STREAMS =
      Thread.ofVirtual().name("parley-subscription").factory();

  private final Pipeline pipeline;
  private final Identity<?> identity;

  /** An invoker of {@code pipeline}'s calls as {@code identity}. */
  public LocalInvoker(Pipeline pipeline, Identity<?> identity) {
    this.pipeline = pipeline;
    this.identity = Objects.requireNonNull(identity, "identity");
  }

  @Override
  @SuppressWarnings("unchecked")
  public <I, O> Result<O> call(Unary<?, I, O> procedure, @Nullable I input, Duration timeout) {
    Objects.requireNonNull(procedure, "procedure");
    Objects.requireNonNull(timeout, "timeout");
    long budget = pipeline.budget(timeout.isNegative() ? 0 : timeout.toNanos());
    Invocation invocation = new Invocation(procedure.name(), procedure, new Input.Value(input),
        pipeline.caller(identity, Transport.IN_PROCESS, null), null, budget,
        System.nanoTime() + budget, new Cancellation());
    return switch (pipeline.call(invocation)) {
      case Answer.Success s -> new Result<>((O) s.result().output(), s.result().resources());
      case Answer.Failure f -> throw f.error();
    };
  }

  @Override
  public <I, O> Stream subscribe(Subscription<?, I, O> subscription, @Nullable I input,
      @Nullable String lastEventId, SubscriptionListener<O> listener) {
    Objects.requireNonNull(subscription, "subscription");
    Objects.requireNonNull(listener, "listener");
    Cancellation cancellation = new Cancellation();
    LocalStream<O> stream = new LocalStream<>(listener, cancellation);
    Invocation invocation = new Invocation(subscription.name(), subscription,
        new Input.Value(input), pipeline.caller(identity, Transport.IN_PROCESS, null), null, 0, 0,
        cancellation, new dev.parley.server.internal.Stream(stream, lastEventId));
    STREAMS.newThread(() -> pipeline.run(invocation, stream::end)).start();
    return stream;
  }

  @Override
  public String toString() {
    return "Invoker[" + identity.role().name() + "]";
  }

  /** One in-process subscription: its values go straight to the listener, on the handler's thread. */
  private static final class LocalStream<O> implements Outbound, Invoker.Stream {
    private final SubscriptionListener<O> listener;
    private final Cancellation cancellation;
    private volatile boolean stopped;
    private volatile boolean done;

    LocalStream(SubscriptionListener<O> listener, Cancellation cancellation) {
      this.listener = listener;
      this.cancellation = cancellation;
    }

    @Override
    public void started() {
      if (!stopped) {
        listener.onStarted();
      }
    }

    @Override
    @SuppressWarnings("unchecked")
    public void value(@Nullable String id, @Nullable Object value, boolean shared) {
      if (stopped) {
        throw new CancellationException("stopped by its subscriber");
      }
      listener.onValue((O) value, id);
    }

    void end(Answer answer) {
      if (done) {
        return;
      }
      done = true;
      if (stopped) {
        return;
      }
      switch (answer) {
        case Answer.Success s -> listener.onComplete();
        case Answer.Failure f -> listener.onError(f.error());
      }
    }

    @Override
    public void stop() {
      stopped = true;
      cancellation.cancel();
    }

    @Override
    public boolean isDone() {
      return done || stopped;
    }

    @Override
    public String toString() {
      return "Stream[" + (isDone() ? "done" : "live") + "]";
    }
  }
}
