package dev.parley.server;

/** How a call reached the server. */
public enum Transport {
  /** In the same JVM, through an {@link dev.parley.Invoker} of {@link ParleyServer#invoker}. */
  IN_PROCESS,
  /** An HTTP request of tRPC's wire, single or batched, through {@link ParleyServer#handle}. */
  HTTP,
  /**
   * A message of a WebSocket connection in tRPC's {@code wsLink} format, through {@link
   * ParleyServer#openSocket}.
   */
  WEBSOCKET
}
