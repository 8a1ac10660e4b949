package dev.parley.client.internal;

import dev.parley.Procedure;
import dev.parley.client.MutationResult;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import org.jspecify.annotations.Nullable;

/**
 * A query or mutation of a {@link SocketLink}, from its call to its answer: the caller's future
 * itself, completed (on a virtual thread, never the connection's) with the output, or a {@link
 * MutationResult} of it, or the failure. Cancelling it, or its timeout, drops it from the link.
 * The mutable fields are guarded by the link's lock.
 *
 * @param <T> the output, or a {@link MutationResult} of it
 */
final class SocketRequest<T> extends CompletableFuture<T> {
  final long id;
  final Procedure<?, ?, ?> procedure;
  /** The message that asks for it. */
  final String message;
  /** Whether it completes with a {@link MutationResult} rather than the output alone. */
  final boolean whole;
  private final SocketLink link;
  /** The connection it was sent on; null while it waits for one. */
  @Nullable Socket sentOn;
  @Nullable ScheduledFuture<?> timer;

  SocketRequest(SocketLink link, long id, Procedure<?, ?, ?> procedure, String message,
      boolean whole) {
    this.link = link;
    this.id = id;
    this.procedure = procedure;
    this.message = message;
    this.whole = whole;
  }

  String name() {
    return procedure.name();
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    boolean cancelled = super.cancel(mayInterruptIfRunning);
    if (cancelled) {
      link.abandon(this);
    }
    return cancelled;
  }

  /** Completes it with {@code value} on a virtual thread. */
  void answer(@Nullable Object value) {
    @SuppressWarnings("unchecked")
    T t = (T) value;
    Thread.ofVirtual().name("parley-client-answer").start(() -> complete(t));
  }

  /** Fails it with {@code failure} on a virtual thread. */
  void fail(Throwable failure) {
    Thread.ofVirtual().name("parley-client-answer").start(() -> completeExceptionally(failure));
  }
}
