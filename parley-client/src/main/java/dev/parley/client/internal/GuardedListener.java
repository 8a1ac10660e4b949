package dev.parley.client.internal;

import dev.parley.ParleyException;
import dev.parley.SubscriptionListener;
import java.lang.System.Logger.Level;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * A subscription's listener behind the contract of {@link SubscriptionListener}, whatever the link
 * hands it: {@code onStarted} at most once and before any value (supplied when a link's first word
 * is a value), values in order, at most one of {@code onComplete} and {@code onError}, and nothing
 * once stopped. Each call to the listener holds a lock, so that {@link #stop()} from another thread
 * returns only once a call in progress has returned; from the listener's own thread it returns at
 * once.
 *
 * <p>A listener that throws is a bug in it: the exception is logged and the subscription stopped
 * (the link is told through {@code onListenerFailure}), as if the listener had stopped it.
 *
 * @param <O> the output type
 */
final class GuardedListener<O> {
  private final SubscriptionListener<O> listener;
  private final String name;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile Runnable onListenerFailure = () -> {};
  private boolean started;
  private volatile boolean done;
  private volatile @Nullable String lastEventId;

  GuardedListener(String name, SubscriptionListener<O> listener) {
    this.name = name;
    this.listener = listener;
  }

  /** What to do when the listener throws: stop the subscription upstream. */
  void onListenerFailure(Runnable action) {
    this.onListenerFailure = action;
  }

  /** The server accepted the subscription; only the first call reaches the listener. */
  void started() {
    deliver(null, false, Kind.STARTED, null);
  }

  /** One value, tracked by {@code id} when not null. */
  void value(@Nullable O value, @Nullable String id) {
    deliver(value, true, Kind.VALUE, id);
  }

  /** The server completed the subscription. */
  void completed() {
    deliver(null, false, Kind.COMPLETED, null);
  }

  /** The subscription failed for good. */
  void failed(ParleyException error) {
    lock.lock();
    try {
      if (done) {
        return;
      }
      done = true;
      call(() -> listener.onError(error));
    } finally {
      lock.unlock();
    }
  }

  /**
   * Stops delivery; returns whether the subscription was still live (neither ended nor stopped).
   */
  boolean stop() {
    lock.lock();
    try {
      boolean live = !done;
      done = true;
      return live;
    } finally {
      lock.unlock();
    }
  }

  boolean isDone() {
    return done;
  }

  /** The event id of the last tracked value handed to the listener, or null. */
  @Nullable String lastEventId() {
    return lastEventId;
  }

  String name() {
    return name;
  }

  private enum Kind { STARTED, VALUE, COMPLETED }

  private void deliver(@Nullable O value, boolean isValue, Kind kind, @Nullable String id) {
    lock.lock();
    try {
      if (done) {
        return;
      }
      if (!started) {
        started = true;
        if (!call(listener::onStarted)) {
          return;
        }
      } else if (kind == Kind.STARTED) {
        return;
      }
      switch (kind) {
        case STARTED -> { }
        case VALUE -> {
          if (id != null) {
            lastEventId = id;
          }
          call(() -> listener.onValue(value, id));
        }
        case COMPLETED -> {
          done = true;
          call(listener::onComplete);
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** Runs one call of the listener; false when it threw, which stops the subscription. */
  private boolean call(Runnable call) {
    try {
      call.run();
      return true;
    } catch (VirtualMachineError e) {
      throw e;
    } catch (Throwable e) {
      boolean live = !done;
      done = true;
      ClientLog.LOG.log(Level.WARNING, "\"" + name + "\": the subscription's listener threw; the"
          + " subscription is stopped", e);
      if (live) {
        onListenerFailure.run();
      }
      return false;
    }
  }
}
