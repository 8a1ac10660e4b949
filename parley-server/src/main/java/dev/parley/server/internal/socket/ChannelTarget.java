package dev.parley.server.internal.socket;

import org.jspecify.annotations.Nullable;

/**
 * A channel's handlers as the socket code calls them, untyped, each with the server's context
 * after its middleware: see {@code ChannelImplementation}.
 */
public interface ChannelTarget {
  /** Whether {@code onConnect} is set. */
  boolean isImplemented();

  /** The connection's context, or a throw that refuses the connect. */
  @Nullable Object connect(Object ctx, @Nullable Object params, @Nullable Object request)
      throws Exception;

  /** Handles a client's message. */
  void message(Object ctx, @Nullable Object params, @Nullable Object context,
      @Nullable Object message) throws Exception;

  /** The connection ended. */
  void disconnected(Object ctx, @Nullable Object params, @Nullable Object context)
      throws Exception;
}
