package dev.parley.server;

/**
 * Sees every call a server answers, with its outcome: successes, failures, and calls refused
 * before any middleware runs ({@code UNAUTHORIZED}, {@code NOT_FOUND}, {@code BAD_REQUEST} …).
 * Calls are also a channel's connects and messages, a topic's subscribes and client events
 * (dropped ones included), each heard once its handler ended or it was refused. The
 * seam for access logs, metrics and traces; registered once, on {@link
 * ParleyServer.Builder#listener}.
 *
 * <pre>{@code
 * .listener(record -> log.info("{} {} {} in {} µs", record.transport(), record.name(),
 *     record.error().map(e -> e.code().name()).orElse("OK"), record.duration().toNanos() / 1000))
 * }</pre>
 *
 * <p>It is called once per call, just after the answer was handed to the transport (so the caller
 * may have it before the listener runs), on the thread that answered (the call's, or a virtual
 * thread of the timer's for a {@code TIMEOUT}). It must be quick and thread-safe; what it throws is
 * logged and ignored.
 */
@FunctionalInterface
public interface CallListener {

  /** One call has been answered. */
  void onCall(CallRecord record);
}
