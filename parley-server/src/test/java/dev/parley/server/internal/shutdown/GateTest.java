package dev.parley.server.internal.shutdown;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Graceful shutdown's count of calls in flight. */
class GateTest {
  private final Gate gate = new Gate();

  @Test
  void closesAtOnceWithNothingInFlightAndRefusesNewCalls() throws Exception {
    assertThat(gate.enter()).isTrue();
    gate.leave();
    assertThat(gate.close(Duration.ZERO)).isTrue();
    assertThat(gate.isClosed()).isTrue();
    assertThat(gate.enter()).isFalse();
  }

  @Test
  void waitsForTheCallsInFlightUntilTheyLeave() throws Exception {
    assertThat(gate.enter()).isTrue();
    CompletableFuture<Boolean> closed = CompletableFuture.supplyAsync(() -> {
      try {
        return gate.close(Duration.ofMinutes(1));
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    Thread.sleep(50);
    assertThat(closed).isNotDone();
    gate.leave();
    assertThat(closed.get(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void givesUpAfterTheGrace() throws Exception {
    assertThat(gate.enter()).isTrue();
    long start = System.nanoTime();
    assertThat(gate.close(Duration.ofMillis(100))).isFalse();
    assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
  }
}
