package dev.parley.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The one timer: it runs each action at its deadline, wakes for earlier ones, and stops. */
class WatchdogTest {
  /** Well under the timer's one-second idle sleep: an action this late was not woken for. */
  private static final long PROMPT_MS = 700;

  private final Watchdog watchdog = new Watchdog();

  @AfterEach
  void stop() {
    watchdog.stop();
  }

  private static long in(long millis) {
    return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
  }

  @Test
  void runsAnActionAtItsDeadline() throws Exception {
    CountDownLatch ran = new CountDownLatch(1);
    long start = System.nanoTime();
    watchdog.watch(in(30), ran::countDown);
    assertThat(ran.await(PROMPT_MS, TimeUnit.MILLISECONDS)).isTrue();
    assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(30));
  }

  @Test
  void wakesForADeadlineEarlierThanTheOnesItKnows() throws Exception {
    CountDownLatch late = new CountDownLatch(1);
    CountDownLatch early = new CountDownLatch(1);
    watchdog.watch(in(60_000), late::countDown);
    Thread.sleep(50); // the timer now sleeps towards its idle horizon
    watchdog.watch(in(20), early::countDown);
    assertThat(early.await(PROMPT_MS, TimeUnit.MILLISECONDS)).isTrue();
    assertThat(late.getCount()).isOne();
  }

  @Test
  void runsNoActionOfACancelledTicket() throws Exception {
    CountDownLatch ran = new CountDownLatch(1);
    CountDownLatch other = new CountDownLatch(1);
    watchdog.watch(in(20), ran::countDown).cancel();
    watchdog.watch(in(40), other::countDown);
    assertThat(other.await(PROMPT_MS, TimeUnit.MILLISECONDS)).isTrue();
    assertThat(ran.getCount()).isOne();
  }

  @Test
  void goesOnAfterAFailingAction() throws Exception {
    CountDownLatch ran = new CountDownLatch(1);
    watchdog.watch(in(10), () -> {
      throw new IllegalStateException("boom");
    });
    watchdog.watch(in(30), ran::countDown);
    assertThat(ran.await(PROMPT_MS, TimeUnit.MILLISECONDS)).isTrue();
  }

  @Test
  void runsNothingOnceStopped() throws Exception {
    CountDownLatch ran = new CountDownLatch(1);
    watchdog.watch(in(100), ran::countDown);
    watchdog.stop();
    assertThat(ran.await(400, TimeUnit.MILLISECONDS)).isFalse();
  }
}
