package dev.parley.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Contract;
import dev.parley.server.ServerOptions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A call's time limit: the smaller of the server's and the caller's, 0 meaning none. */
class PipelineTest {
  private static Pipeline withTimeout(Duration timeout) {
    return new Pipeline(Contract.of(), ServerOptions.builder().requestTimeout(timeout).build(),
        (request, identity) -> identity, List.of(), Realtime.Chain.NONE);
  }

  @Test
  void takesTheSmallerOfTheServersAndTheCallersLimit() {
    Pipeline thirty = withTimeout(Duration.ofSeconds(30));
    assertThat(thirty.budget(0)).isEqualTo(Duration.ofSeconds(30).toNanos());
    assertThat(thirty.budget(Duration.ofSeconds(1).toNanos())).isEqualTo(Duration.ofSeconds(1).toNanos());
    assertThat(thirty.budget(Duration.ofSeconds(30).toNanos())).isEqualTo(Duration.ofSeconds(30).toNanos());
    assertThat(thirty.budget(Duration.ofMinutes(5).toNanos())).isEqualTo(Duration.ofSeconds(30).toNanos());
    assertThat(thirty.budget(-1)).isEqualTo(Duration.ofSeconds(30).toNanos());
  }

  @Test
  void hasNoLimitWhenNeitherSetsOne() {
    Pipeline none = withTimeout(Duration.ZERO);
    assertThat(none.budget(0)).isZero();
    assertThat(none.budget(-5)).isZero();
    assertThat(none.budget(7)).isEqualTo(7);
  }
}
