package dev.parley.client.internal;

import dev.parley.client.ConnectionListener;
import dev.parley.client.ConnectionState;
import dev.parley.client.ParleyClientException;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * A link's {@link ConnectionState} and the listeners that hear it: each listener hears the state
 * current when it was added, then every change, in order, on a {@link SerialExecutor} (never on the
 * thread that changed the state). {@link ConnectionState#CLOSED} is final. Thread-safe.
 */
public final class ConnectionStates {
  private final ReentrantLock lock = new ReentrantLock();
  private final List<ConnectionListener> listeners = new CopyOnWriteArrayList<>();
  private final SerialExecutor events = new SerialExecutor();
  private ConnectionState state;
  private @Nullable ParleyClientException cause;

  /** States that start at {@code initial}. */
  public ConnectionStates(ConnectionState initial) {
    this.state = initial;
  }

  /** The current state. */
  public ConnectionState get() {
    lock.lock();
    try {
      return state;
    } finally {
      lock.unlock();
    }
  }

  /** Moves to {@code next} and tells the listeners, unless already there or closed. */
  public void set(ConnectionState next, @Nullable ParleyClientException cause) {
    lock.lock();
    try {
      if (state == next || state == ConnectionState.CLOSED) {
        return;
      }
      state = next;
      this.cause = cause;
      for (ConnectionListener l : listeners) {
        events.execute(() -> tell(l, next, cause));
      }
    } finally {
      lock.unlock();
    }
  }

  /** Adds {@code listener}, which hears the current state first. */
  public void add(ConnectionListener listener) {
    lock.lock();
    try {
      ConnectionState now = state;
      ParleyClientException why = cause;
      listeners.add(listener);
      events.execute(() -> tell(listener, now, why));
    } finally {
      lock.unlock();
    }
  }

  private static void tell(ConnectionListener l, ConnectionState s,
      @Nullable ParleyClientException cause) {
    try {
      l.onStateChange(s, cause);
    } catch (RuntimeException e) {
      ClientLog.LOG.log(Level.WARNING, "a connection listener threw", e);
    }
  }
}
