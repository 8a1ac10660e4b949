package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClientOptionsTest {

  @Test
  void hasDocumentedDefaults() {
    ClientOptions o = ClientOptions.defaults();

    assertThat(o.timeout()).isEqualTo(Duration.ofSeconds(30));
    assertThat(o.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(o.httpVersion()).isEqualTo(HttpClient.Version.HTTP_1_1);
    assertThat(o.batching()).isTrue();
    assertThat(o.maxConcurrentRequests()).isEqualTo(6);
    assertThat(o.maxBatchSize()).isEqualTo(32);
    assertThat(o.maxUrlLength()).isEqualTo(4096);
    assertThat(o.deduplicate()).isTrue();
    assertThat(o.headers()).isEmpty();
    assertThat(o.reconnectDelay()).isEqualTo(Duration.ofMillis(500));
    assertThat(o.maxReconnectDelay()).isEqualTo(Duration.ofSeconds(30));
    assertThat(o.pingInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(o.pongTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(o.connectionParams()).isEmpty();
    assertThat(o.maxQueuedValues()).isEqualTo(256);
  }

  @Test
  void builderCopiesAndChanges() {
    ClientOptions o = ClientOptions.builder().maxBatchSize(8).header("a", "1").build();

    assertThat(o.maxBatchSize()).isEqualTo(8);
    assertThat(o.toBuilder().header("b", "2").build().headers()).containsOnlyKeys("a", "b");
    assertThat(o.headers()).containsOnlyKeys("a");
    ClientOptions ws = o.toBuilder().connectionParam("token", "t").pingInterval(Duration.ZERO).build();
    assertThat(ws.connectionParams()).containsExactly(java.util.Map.entry("token", "t"));
    assertThat(ws.pingInterval()).isZero();
    assertThat(ws.maxBatchSize()).isEqualTo(8);
  }

  @Test
  void rangeErrorsNameTheCulprit() {
    assertThatThrownBy(() -> ClientOptions.builder().maxBatchSize(0).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxBatchSize: 0 (expected: > 0)");
    assertThatThrownBy(() -> ClientOptions.builder().maxConcurrentRequests(-1).build())
        .hasMessage("maxConcurrentRequests: -1 (expected: > 0)");
    assertThatThrownBy(() -> ClientOptions.builder().maxUrlLength(0).build())
        .hasMessageStartingWith("maxUrlLength: 0");
    assertThatThrownBy(() -> ClientOptions.builder().timeout(Duration.ofMillis(-1)).build())
        .hasMessageStartingWith("timeout: ");
    assertThatThrownBy(() -> ClientOptions.builder().reconnectDelay(Duration.ZERO).build())
        .hasMessage("reconnectDelay: PT0S (expected: > 0)");
    assertThatThrownBy(() -> ClientOptions.builder().reconnectDelay(Duration.ofSeconds(2))
        .maxReconnectDelay(Duration.ofSeconds(1)).build())
        .hasMessage("maxReconnectDelay: PT1S (expected: >= reconnectDelay, PT2S)");
    assertThatThrownBy(() -> ClientOptions.builder().pongTimeout(Duration.ZERO).build())
        .hasMessageStartingWith("pongTimeout: ");
    assertThatThrownBy(() -> ClientOptions.builder().pingInterval(Duration.ofSeconds(-1)).build())
        .hasMessageStartingWith("pingInterval: ");
    assertThatThrownBy(() -> ClientOptions.builder().maxQueuedValues(0).build())
        .hasMessage("maxQueuedValues: 0 (expected: > 0)");
  }
}
