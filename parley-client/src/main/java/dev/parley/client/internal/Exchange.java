package dev.parley.client.internal;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP request and the calls it carries: one call, or a batch of queries or of mutations
 * (never both). It can be aborted once no caller waits for any of its calls, which cancels the
 * HTTP request.
 */
final class Exchange {
  final List<Call> calls;
  final boolean mutation;
  private volatile @Nullable CompletableFuture<?> http;
  private volatile boolean aborted;
  private final java.util.concurrent.atomic.AtomicBoolean finished =
      new java.util.concurrent.atomic.AtomicBoolean();

  Exchange(List<Call> calls) {
    this.calls = calls;
    this.mutation = calls.get(0).endpoint.mutation();
  }

  boolean batch() {
    return calls.size() > 1;
  }

  /** Whether no caller waits for any of the calls any more; call under the batcher's lock. */
  boolean abandoned() {
    for (Call c : calls) {
      if (c.waiters > 0) {
        return false;
      }
    }
    return true;
  }

  /** Marks the exchange finished; true the first time only, so its slot is freed once. */
  boolean finish() {
    return finished.compareAndSet(false, true);
  }

  /** Records the HTTP request's future, cancelling it at once if the exchange was aborted. */
  void started(CompletableFuture<?> future) {
    http = future;
    if (aborted) {
      future.cancel(true);
    }
  }

  /** Cancels the HTTP request (the JDK closes its stream or connection). */
  void abort() {
    aborted = true;
    CompletableFuture<?> f = http;
    if (f != null) {
      f.cancel(true);
    }
  }
}
