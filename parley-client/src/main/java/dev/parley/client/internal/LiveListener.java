package dev.parley.client.internal;

import dev.parley.client.LiveQuery;
import dev.parley.client.ParleyClientException;
import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One listener of a {@link CacheEntry}: its callbacks, called one at a time and in order on a
 * thread of the client's ({@link SerialExecutor}), never after {@link #close()} returned. A
 * callback that throws is logged; the listener goes on.
 */
final class LiveListener<O> implements LiveQuery {
  final Set<String> extra;
  private final CacheEntry<O> entry;
  private final Consumer<? super @Nullable O> onValue;
  private final Consumer<? super ParleyClientException> onError;
  private final Runnable onClose;
  private final SerialExecutor calls = new SerialExecutor();
  private final ReentrantLock running = new ReentrantLock();
  private final java.util.concurrent.atomic.AtomicBoolean closing =
      new java.util.concurrent.atomic.AtomicBoolean();
  private volatile boolean closed;

  /**
   * @param extra names watched for it beyond those its answers declare
   * @param onClose told once when it closes
   */
  LiveListener(CacheEntry<O> entry, Set<String> extra, Consumer<? super @Nullable O> onValue,
      Consumer<? super ParleyClientException> onError, Runnable onClose) {
    this.entry = entry;
    this.extra = Set.copyOf(extra);
    this.onValue = onValue;
    this.onError = onError;
    this.onClose = onClose;
  }

  void value(@Nullable O value) {
    calls.execute(() -> run(() -> onValue.accept(value)));
  }

  void error(ParleyClientException e) {
    calls.execute(() -> run(() -> onError.accept(e)));
  }

  private void run(Runnable callback) {
    running.lock();
    try {
      if (!closed) {
        callback.run();
      }
    } catch (RuntimeException e) {
      ClientLog.LOG.log(Level.WARNING, "a listener of " + entry.query.name() + " threw", e);
    } finally {
      running.unlock();
    }
  }

  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    closed = true;
    entry.remove(this);
    onClose.run();
    running.lock(); // waits for a callback running on another thread; ours may close itself
    running.unlock();
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public String toString() {
    return "LiveQuery[" + entry.query.name() + (closed ? ", closed" : "") + "]";
  }
}
