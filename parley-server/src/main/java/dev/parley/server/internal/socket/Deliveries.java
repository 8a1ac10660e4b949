package dev.parley.server.internal.socket;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Tells when a message queued on one connection was written: it meters the connection's queue
 * (passing every count on), and a message is out once every byte queued up to it has left the
 * queue, as {@link Watcher} knows of its invalidations. A connection that ends first fails what
 * waits, whether or not its transport still writes it: "written" is only said when known.
 * Thread-safe.
 */
final class Deliveries implements Outbox.Meter {
  private final Outbox.Meter next;
  private final AtomicLong added = new AtomicLong();
  private final AtomicLong removed = new AtomicLong();
  private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
  private boolean ended;

  Deliveries(Outbox.Meter next) {
    this.next = next;
  }

  /**
   * A future that completes true once what is queued now has been written, or false when the
   * connection ends first. Call it right after the message was queued.
   */
  CompletableFuture<Boolean> written() {
    CompletableFuture<Boolean> done = new CompletableFuture<>();
    long mark = added.get();
    synchronized (this) {
      if (ended) {
        done.complete(false);
      } else if (removed.get() >= mark) {
        done.complete(true);
      } else {
        waiting.add(new Waiting(mark, done));
      }
    }
    return done;
  }

  /** The connection ends: what waits fails, and what is asked from now on at once. */
  void end() {
    ArrayDeque<Waiting> failed;
    synchronized (this) {
      ended = true;
      failed = new ArrayDeque<>(waiting);
      waiting.clear();
    }
    failed.forEach(w -> w.done().complete(false));
  }

  @Override
  public void dropping() {
    end();
  }

  @Override
  public void added(int n, long queued) {
    added.addAndGet(n);
    next.added(n, queued);
  }

  @Override
  public void removed(int n) {
    long now = removed.addAndGet(n);
    next.removed(n);
    ArrayDeque<Waiting> out = null;
    synchronized (this) {
      if (ended) {
        return; // dropped, not written
      }
      while (!waiting.isEmpty() && waiting.peek().mark() <= now) {
        if (out == null) {
          out = new ArrayDeque<>();
        }
        out.add(waiting.poll());
      }
    }
    if (out != null) {
      out.forEach(w -> w.done().complete(true));
    }
  }

  private record Waiting(long mark, CompletableFuture<Boolean> done) {}
}
