package dev.parley.server.internal.socket;

/**
 * The frames a second one connection may send: a token bucket of {@code perSecond} tokens, full at
 * first and refilled continuously, so that bursts of up to {@code perSecond} frames pass and a
 * steady rate above it does not. Thread-safe.
 */
final class FrameRate {
  private static final long SECOND = 1_000_000_000L;

  private final int perSecond;
  private double tokens;
  private long last = System.nanoTime();

  FrameRate(int perSecond) {
    this.perSecond = perSecond;
    this.tokens = perSecond;
  }

  /** Takes a token for one frame; false when there is none left. */
  synchronized boolean admit() {
    long now = System.nanoTime();
    tokens = Math.min(perSecond, tokens + (double) (now - last) * perSecond / SECOND);
    last = now;
    if (tokens < 1) {
      return false;
    }
    tokens -= 1;
    return true;
  }
}
