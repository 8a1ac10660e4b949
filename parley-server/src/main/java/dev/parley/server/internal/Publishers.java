package dev.parley.server.internal;

import dev.parley.server.Sink;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import org.jspecify.annotations.Nullable;

/** Drains a {@link Flow.Publisher} into a subscription's {@link Sink} on the handler's thread. */
public final class Publishers {

  private Publishers() {}

  /**
   * Subscribes to {@code publisher}, requests one value at a time and sends each to {@code sink};
   * returns when the publisher completes, throws what it fails with, and cancels the publisher's
   * subscription when this thread is interrupted or the sink is cancelled.
   */
  public static <O> void drain(Flow.Publisher<? extends O> publisher, Sink<O> sink)
      throws Exception {
    Pump<O> pump = new Pump<>();
    publisher.subscribe(pump);
    Flow.Subscription subscription = null;
    try {
      while (true) {
        Signal<O> signal = pump.signals.take();
        switch (signal) {
          case Signal.Subscribed<O> s -> {
            subscription = s.subscription();
            subscription.request(1);
          }
          case Signal.Value<O> v -> {
            sink.next(v.value());
            Flow.Subscription current = subscription;
            if (current != null) {
              current.request(1);
            }
          }
          case Signal.Failed<O> f -> throw f.error() instanceof Exception e ? e
              : new IllegalStateException("the publisher failed", f.error());
          case Signal.Completed<O> c -> {
            return;
          }
        }
      }
    } finally {
      if (subscription != null && (Thread.currentThread().isInterrupted() || sink.isCancelled())) {
        subscription.cancel();
      } else if (subscription == null) {
        Signal<O> late = pump.signals.poll();
        if (late instanceof Signal.Subscribed<O> s) {
          s.subscription().cancel();
        }
      }
    }
  }

  private sealed interface Signal<O> {
    record Subscribed<O>(Flow.Subscription subscription) implements Signal<O> {}

    record Value<O>(O value) implements Signal<O> {}

    record Failed<O>(Throwable error) implements Signal<O> {}

    record Completed<O>() implements Signal<O> {}
  }

  /** Receives the publisher's signals; one value at a time is requested, so four slots suffice. */
  private static final class Pump<O> implements Flow.Subscriber<O> {
    final BlockingQueue<Signal<O>> signals = new ArrayBlockingQueue<>(4);

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
      offer(new Signal.Subscribed<>(subscription));
    }

    @Override
    public void onNext(O item) {
      offer(new Signal.Value<>(item));
    }

    @Override
    public void onError(Throwable throwable) {
      offer(new Signal.Failed<>(throwable));
    }

    @Override
    public void onComplete() {
      offer(new Signal.Completed<>());
    }

    private void offer(@Nullable Signal<O> signal) {
      if (signal != null && !signals.offer(signal)) {
        throw new IllegalStateException("the publisher sent more than it was asked for");
      }
    }
  }
}
