package dev.parley.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.ErrorCode;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BackoffTest {
  private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));

  @Test
  void doublesTheDelayPerAttemptUpToTheMaximum() {
    assertThat(backoff.ceilingNanos(0)).isEqualTo(ms(100));
    assertThat(backoff.ceilingNanos(1)).isEqualTo(ms(200));
    assertThat(backoff.ceilingNanos(3)).isEqualTo(ms(800));
    assertThat(backoff.ceilingNanos(4)).isEqualTo(ms(1000));
    assertThat(backoff.ceilingNanos(Integer.MAX_VALUE)).isEqualTo(ms(1000));
  }

  @Test
  void drawsEachDelayBetweenHalfItsCeilingAndTheWhole() {
    Set<Long> drawn = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      long d = backoff.delayNanos(2);
      assertThat(d).isBetween(ms(200), ms(400));
      drawn.add(d);
    }
    assertThat(drawn).as("jitter").hasSizeGreaterThan(100);
  }

  @Test
  void waitsAtLeastWhatTheServerAdvisedButNoLongerThanTheMaximum() {
    assertThat(backoff.delayNanos(0, Duration.ofMillis(700))).isEqualTo(ms(700));
    assertThat(backoff.delayNanos(0, Duration.ofMinutes(5))).isEqualTo(ms(1000));
    assertThat(backoff.delayNanos(0, Duration.ZERO)).isBetween(ms(50), ms(100));
  }

  @Test
  void retriesTheCodesTrpcRetries() {
    assertThat(ErrorCode.values()).filteredOn(Backoff::retryable).containsExactlyInAnyOrder(
        ErrorCode.SERVICE_UNAVAILABLE, ErrorCode.BAD_GATEWAY, ErrorCode.GATEWAY_TIMEOUT,
        ErrorCode.INTERNAL_SERVER_ERROR);
  }

  private static long ms(long millis) {
    return Duration.ofMillis(millis).toNanos();
  }
}
