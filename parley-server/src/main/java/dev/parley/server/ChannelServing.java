package dev.parley.server;

import dev.parley.Channel;
import dev.parley.server.internal.socket.ChannelTarget;
import dev.parley.server.internal.socket.Channels;
import org.jspecify.annotations.Nullable;

/** Hands a channel's typed handlers to the socket code, which calls them untyped. */
final class ChannelServing {
  private ChannelServing() {}

  static <C, P, Q, A, CM> ChannelImplementation<C, P, Q, A, CM> serve(Channels channels,
      Channel<?, P, Q, A, CM, ?> channel) {
    ChannelImplementation<C, P, Q, A, CM> impl = new ChannelImplementation<>();
    channels.implement(channel, new ChannelTarget() {
      @Override
      public boolean isImplemented() {
        return impl.isImplemented();
      }

      @Override
      @SuppressWarnings("unchecked")
      public @Nullable Object connect(Object ctx, @Nullable Object params,
          @Nullable Object request) throws Exception {
        return impl.connectHandler().connect((C) ctx, (P) params, (Q) request);
      }

      @Override
      @SuppressWarnings("unchecked")
      public void message(Object ctx, @Nullable Object params, @Nullable Object context,
          @Nullable Object message) throws Exception {
        impl.messageHandler().message((C) ctx, (P) params, (A) context, (CM) message);
      }

      @Override
      @SuppressWarnings("unchecked")
      public void disconnected(Object ctx, @Nullable Object params,
          @Nullable Object context) throws Exception {
        impl.disconnectHandler().disconnected((C) ctx, (P) params, (A) context);
      }
    });
    return impl;
  }
}
