package dev.parley.client.internal;

import dev.parley.client.MutationResult;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * One caller's future for a {@link Call}: several tickets share a de-duplicated call, each with its
 * own timeout. When a ticket times out or is cancelled it stops waiting for the call, and the call,
 * once no ticket waits for it, leaves the queue or has its HTTP request cancelled.
 *
 * @param <T> the output, or a {@link MutationResult} of it
 */
final class Ticket<T> extends CompletableFuture<T>
    implements BiConsumer<Output, Throwable>, Runnable {
  private static final VarHandle RELEASED;

  static {
    try {
      RELEASED = MethodHandles.lookup().findVarHandle(Ticket.class, "released", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private final Call call;
  private final Batcher batcher;
  private final boolean whole;
  private final long timeoutNanos;
  private volatile @Nullable ScheduledFuture<?> timer;
  @SuppressWarnings("unused") // through RELEASED
  private volatile boolean released;

  Ticket(Call call, Batcher batcher, boolean whole, long timeoutNanos) {
    this.call = call;
    this.batcher = batcher;
    this.whole = whole;
    this.timeoutNanos = timeoutNanos;
  }

  /** Arms the timeout (when there is one), then waits for the call's reply. */
  Ticket<T> start() {
    if (timeoutNanos > 0) {
      timer = Deadlines.schedule(this, timeoutNanos);
    }
    call.reply.whenComplete(this);
    return this;
  }

  /** The call's reply arrived. */
  @Override
  @SuppressWarnings("unchecked")
  public void accept(@Nullable Output reply, @Nullable Throwable failure) {
    stopTimer();
    if (failure != null || reply == null) {
      completeExceptionally(Failures.of(failure == null ? new IllegalStateException() : failure,
          call.name()));
    } else {
      complete((T) (whole ? new MutationResult<>(reply.value(), reply.resources()) : reply.value()));
    }
  }

  /**
   * The timeout expired. Runs on the shared timer thread, so it hands the completion (and the
   * caller's callbacks that run with it) to a virtual thread, keeping the timer free.
   */
  @Override
  public void run() {
    if (!isDone()) {
      Thread.startVirtualThread(this::expire);
    }
  }

  private void expire() {
    if (completeExceptionally(Failures.timeout(call.name(), timeoutNanos))) {
      release();
    }
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    boolean cancelled = super.cancel(mayInterruptIfRunning);
    if (cancelled) {
      stopTimer();
      release();
    }
    return cancelled;
  }

  private void release() {
    if (RELEASED.compareAndSet(this, false, true)) {
      batcher.release(call);
    }
  }

  private void stopTimer() {
    ScheduledFuture<?> t = timer;
    if (t != null) {
      t.cancel(false);
    }
  }
}
