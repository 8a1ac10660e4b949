package dev.parley.server.internal;

import org.jspecify.annotations.Nullable;

/**
 * The transport's side of one subscription: where its start and its values go. Its end (the
 * handler returned, failed, or was cancelled) comes as the call's {@link Answer}. Implemented by
 * each transport (SSE, WebSocket, in process); called from the handler's thread only.
 */
public interface Outbound {

  /** The subscription passed routing, its input and its middleware; values follow. */
  void started();

  /**
   * Sends one value, already valid. May block while the connection's outbound queue is full.
   *
   * @param id its event id, or null when untracked
   * @param value the value, of the subscription's output type
   * @param shared whether what {@link Values} kept for the same object may be used: false when
   *     the handler sent this object just before, and may have changed it
   * @throws java.util.concurrent.CancellationException when the connection can take no more
   * @throws InterruptedException when the handler's thread is interrupted while it waits
   */
  void value(@Nullable String id, @Nullable Object value, boolean shared)
      throws InterruptedException;
}
