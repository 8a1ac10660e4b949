package dev.parley.server.internal.socket;

import dev.parley.server.Identity;
import org.jspecify.annotations.Nullable;

/** A channel's handlers as the socket code calls them, untyped: see {@code ChannelImplementation}. */
public interface ChannelTarget {
  /** Whether {@code onConnect} is set. */
  boolean isImplemented();

  /** The connection's context, or a throw that refuses the connect. */
  @Nullable Object connect(Identity<?> caller, @Nullable Object params, @Nullable Object request)
      throws Exception;

  /** Handles a client's message. */
  void message(Identity<?> caller, @Nullable Object params, @Nullable Object context,
      @Nullable Object message) throws Exception;

  /** The connection ended. */
  void disconnected(Identity<?> caller, @Nullable Object params, @Nullable Object context)
      throws Exception;
}
