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
    assertThat(d.socketMaxFrameBytes()).isEqualTo(1024 * 1024);
    assertThat(d.socketFramesPerSecond()).isEqualTo(1000);
    assertThat(d.socketMaxCalls()).isEqualTo(1000);
    assertThat(d.socketQueueBytes()).isEqualTo(1024 * 1024);
    assertThat(d.socketStallTimeout()).isEqualTo(Duration.ofSeconds(10));
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
    assertThatThrownBy(() -> ServerOptions.builder().socketMaxFrameBytes(0).build())
        .hasMessage("socketMaxFrameBytes: 0 (expected: > 0)");
    assertThatThrownBy(() -> ServerOptions.builder().socketFramesPerSecond(0).build())
        .hasMessage("socketFramesPerSecond: 0 (expected: > 0)");
    assertThatThrownBy(() -> ServerOptions.builder().socketMaxCalls(-1).build())
        .hasMessage("socketMaxCalls: -1 (expected: > 0)");
    assertThatThrownBy(() -> ServerOptions.builder().socketQueueBytes(0).build())
        .hasMessage("socketQueueBytes: 0 (expected: > 0)");
    assertThatThrownBy(() -> ServerOptions.builder().socketStallTimeout(Duration.ZERO).build())
        .hasMessage("socketStallTimeout: PT0S (expected: > 0)");
  }

  @Test
  void copiesThroughToBuilder() {
    ServerOptions o = ServerOptions.builder().maxBatchSize(3).validateOutput(false)
        .socketMaxFrameBytes(10).socketFramesPerSecond(11).socketMaxCalls(12).socketQueueBytes(13)
        .socketStallTimeout(Duration.ofMillis(14)).build();
    assertThat(o.toBuilder().build()).isEqualTo(o);
    assertThat(o.toBuilder().requestTimeout(Duration.ZERO).build().requestTimeout()).isZero();
  }
}
