package dev.parley.server;

import dev.parley.Topic;
import dev.parley.server.internal.socket.TopicTarget;
import dev.parley.server.internal.socket.Topics;
import org.jspecify.annotations.Nullable;

/** Hands a topic's typed hook to the socket code, which calls it untyped. */
final class TopicServing {
  private TopicServing() {}

  static <C, P> TopicImplementation<C, P> serve(Topics topics, Topic<?, P, ?> topic) {
    TopicImplementation<C, P> impl = new TopicImplementation<>();
    topics.implement(topic, new TopicTarget() {
      @Override
      @SuppressWarnings("unchecked")
      public @Nullable Object subscribe(Object ctx, @Nullable Object params) throws Exception {
        return impl.hook().subscribe((C) ctx, (P) params);
      }

      @Override
      public int replay() {
        return impl.replaySize();
      }

      @Override
      public int replayParams() {
        return impl.replayParams();
      }
    });
    return impl;
  }
}
