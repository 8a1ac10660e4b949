package dev.parley.server.internal.socket;

import org.jspecify.annotations.Nullable;

/** A topic's hook and replay window as the socket code uses them: see {@code TopicImplementation}. */
public interface TopicTarget {
  /**
   * The params a subscription gets, or a throw that refuses it; {@code ctx} is the server's
   * context after its middleware.
   */
  @Nullable Object subscribe(Object ctx, @Nullable Object params) throws Exception;

  /** How many of the latest messages of each params are kept; 0 for none. */
  int replay();

  /** Of how many params at most messages are kept at once (see {@code TopicImplementation}). */
  default int replayParams() {
    return Integer.MAX_VALUE;
  }

  /** The default: every subscriber gets its params, nothing is kept. */
  TopicTarget OPEN = new TopicTarget() {
    @Override
    public @Nullable Object subscribe(Object ctx, @Nullable Object params) {
      return params;
    }

    @Override
    public int replay() {
      return 0;
    }
  };
}
