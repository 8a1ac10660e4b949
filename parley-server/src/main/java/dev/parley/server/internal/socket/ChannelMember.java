package dev.parley.server.internal.socket;

import dev.parley.Channel;
import dev.parley.server.internal.Caller;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * One channel connection: a channel, its parameters (and their key in the server's index), its
 * caller and the server's context {@code onConnect} received, the context {@code onConnect}
 * returned, its token, and the WebSocket connection that holds it. It ends once ({@link #end}),
 * whatever ended it.
 */
final class ChannelMember {
  final Channel<?, ?, ?, ?, ?, ?> channel;
  final String key;
  final String token;
  final Caller caller;
  final Object ctx;
  final @Nullable Object params;
  final @Nullable Object context;
  final ChannelControl holder;
  private final AtomicBoolean ended = new AtomicBoolean();

  ChannelMember(Channel<?, ?, ?, ?, ?, ?> channel, String key, String token, Caller caller,
      Object ctx, @Nullable Object params, @Nullable Object context, ChannelControl holder) {
    this.channel = channel;
    this.key = key;
    this.token = token;
    this.caller = caller;
    this.ctx = ctx;
    this.params = params;
    this.context = context;
    this.holder = holder;
  }

  /** True the first time only: the caller then runs {@code onDisconnect}. */
  boolean end() {
    return ended.compareAndSet(false, true);
  }

  boolean isEnded() {
    return ended.get();
  }
}
