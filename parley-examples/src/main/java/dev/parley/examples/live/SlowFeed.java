package dev.parley.examples.live;

import dev.parley.examples.live.LiveApi.Tick;
import dev.parley.server.Sink;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The handler of {@link LiveApi#SLOW} and the count that {@link LiveApi#SLOW_ACTIVE} answers: a
 * subscription counts from its handler's start until its handler ends, which it does as soon as
 * its subscriber stops or its connection goes. Thread-safe.
 */
public final class SlowFeed {
  /** The pause between two numbers: one second. */
  public static final Duration PERIOD = Duration.ofSeconds(1);

  private final AtomicInteger active = new AtomicInteger();

  /**
   * Sends 0, 1, 2 … one a {@link #PERIOD}, until cancelled.
   *
   * @throws InterruptedException when the subscriber goes away during a pause
   */
  public void run(Sink<Tick> sink) throws InterruptedException {
    active.incrementAndGet();
    try {
      for (long n = 0; ; n++) {
        sink.next(new Tick(n));
        Thread.sleep(PERIOD);
      }
    } finally {
      active.decrementAndGet();
    }
  }

  /** How many subscriptions are running now. */
  public int active() {
    return active.get();
  }
}
