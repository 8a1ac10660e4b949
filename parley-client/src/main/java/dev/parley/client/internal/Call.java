package dev.parley.client.internal;

import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * One call on the wire: a procedure and its encoded input, waited for by one caller or, when
 * de-duplicated, by several. It is queued, then carried by one {@link Exchange}; its {@link #reply}
 * completes with the answer. The mutable fields are guarded by the {@link Batcher}'s lock.
 */
final class Call {
  final Endpoint endpoint;
  /** The input as JSON (UTF-8); {@code null} when the call has no input. */
  final byte @Nullable [] json;
  /** For a query, {@link #json} percent-encoded for the URL; {@code null} without input. */
  final @Nullable String encoded;
  /** The de-duplication key ({@code name?encoded}); {@code null} when never shared. */
  final @Nullable String key;
  final CompletableFuture<Output> reply = new CompletableFuture<>();

  /** Callers still waiting for the answer; at 0 the call is abandoned. */
  int waiters = 1;
  /** The order of arrival in the queue, so the oldest waiting call leaves first. */
  long seq;
  /** The request that carries the call, once sent. */
  @Nullable Exchange exchange;
  /**
   * When the last of its callers stops waiting, by {@link System#nanoTime()}; {@link #NO_DEADLINE}
   * while one of them waits without a limit. Sent to the server as the call's deadline.
   */
  long deadline;

  /** The deadline of a caller who waits without a limit. */
  static final long NO_DEADLINE = Long.MIN_VALUE;

  Call(Endpoint endpoint, byte @Nullable [] json, @Nullable String encoded, @Nullable String key,
      long deadline) {
    this.deadline = deadline;
    this.endpoint = endpoint;
    this.json = json;
    this.encoded = encoded;
    this.key = key;
  }

  /** One more caller, waiting until {@code other} (or without a limit), shares this call. */
  void waitAlso(long other) {
    if (deadline != NO_DEADLINE && (other == NO_DEADLINE || other - deadline > 0)) {
      deadline = other;
    }
  }

  String name() {
    return endpoint.name();
  }
}
