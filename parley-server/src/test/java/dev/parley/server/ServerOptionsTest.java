package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ServerOptionsTest {
  @Test
  void hasTheDocumentedDefaults() {
    ServerOptions d = ServerOptions.defaults();
    assertThat(d.maxBodyBytes()).isEqualTo(1024 * 1024);
    assertThat(d.maxJsonDepth()).isEqualTo(64);
    assertThat(d.maxBatchSize()).isEqualTo(32);
    assertThat(d.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(d.validateOutput()).isTrue();
    assertThat(ServerOptions.builder().build()).isEqualTo(d);
  }

  @Test
  void namesTheCulpritOfALimitOutOfRange() {
    assertThatThrownBy(() -> ServerOptions.builder().maxBatchSize(0).build())
        .hasMessage("maxBatchSize: 0 (expected: > 0)");
    assertThatThrownBy(() -> ServerOptions.builder().maxBodyBytes(-1).build())
        .hasMessage("maxBodyBytes: -1 (expected: > 0)");
    assertThatThrownBy(() -> ServerOptions.builder().maxJsonDepth(0).build())
        .hasMessage("maxJsonDepth: 0 (expected: > 0)");
    assertThatThrownBy(() -> ServerOptions.builder().requestTimeout(Duration.ofSeconds(-1)).build())
        .hasMessageStartingWith("requestTimeout: PT-1S");
  }

  @Test
  void copiesThroughToBuilder() {
    ServerOptions o = ServerOptions.builder().maxBatchSize(3).validateOutput(false).build();
    assertThat(o.toBuilder().build()).isEqualTo(o);
    assertThat(o.toBuilder().requestTimeout(Duration.ZERO).build().requestTimeout()).isZero();
  }
}
