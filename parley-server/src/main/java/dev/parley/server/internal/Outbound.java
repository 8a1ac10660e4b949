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

  /**
   * Sends one value, already valid, if the connection takes it now without waiting: for a feed
   * that pushes a value to many subscribers from its publisher's thread. A transport that cannot
   * tell says false, always.
   *
   * @param shared as for {@link #value}
   * @return whether it was sent; when not, the handler's thread sends it with {@link #value}
   * @throws java.util.concurrent.CancellationException when the connection can take no more
   */
  default boolean offer(@Nullable String id, @Nullable Object value, boolean shared) {
    return false;
  }

  /** Whether {@link #offer} may ever say true. */
  default boolean offers() {
    return false;
  }
}
