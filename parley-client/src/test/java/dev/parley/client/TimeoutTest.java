package dev.parley.client;

import static dev.parley.client.TestApi.CONTRACT;
import static dev.parley.client.TestApi.ECHO;
import static dev.parley.client.TestApi.HANG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.parley.ErrorCode;
import dev.parley.Shared;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Per-call timeouts over HTTP against an endpoint that never answers {@code hang}. */
class TimeoutTest {
  private static final Duration SHORT = Duration.ofMillis(200);

  private CannedServer server;
  private ParleyClient<Shared> client;

  @BeforeEach
  void start() throws Exception {
    server = new CannedServer();
    client = ParleyClient.http(server.uri(), CONTRACT,
        ClientOptions.builder().maxConcurrentRequests(1).build());
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  @Test
  void blockingCallPastItsTimeoutFailsWithClientSideTimeout() {
    ParleyClientException e = catchThrowableOfType(
        ParleyClientException.class, () -> client.withTimeout(SHORT).query(HANG));

    assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT);
    assertThat(e.httpStatus()).isZero();
    assertThat(e.getMessage()).contains("hang", "client-side");
  }

  @Test
  void asyncCallPastItsTimeoutFailsWithClientSideTimeout() {
    var f = client.withTimeout(SHORT).queryAsync(HANG);

    assertThat(BatchingTest.failure(f).code()).isEqualTo(ErrorCode.TIMEOUT);
  }

  @Test
  void timedOutRequestIsCancelledAndFreesItsSlot() {
    assertThatThrownBy(() -> client.withTimeout(SHORT).query(HANG))
        .isInstanceOf(ParleyClientException.class);

    // The only slot is free again, so this call leaves at once, alone, and is answered although
    // "hang" would hold its request until the server stops.
    assertThat(client.queryAsync(ECHO, "after").orTimeout(10, TimeUnit.SECONDS).join())
        .isEqualTo("after");
    assertThat(server.received).hasSize(2);
    assertThat(server.received.get(1).batch()).isFalse();
  }

  @Test
  void viewKeepsItsOwnTimeoutAndSharesTheClient() {
    Duration five = Duration.ofSeconds(5);
    ParleyClient<Shared> view = client.withTimeout(five);

    assertThat(view.timeout()).isEqualTo(five);
    assertThat(client.timeout()).isEqualTo(ClientOptions.DEFAULT_TIMEOUT);
    assertThat(view.query(ECHO, "v")).isEqualTo("v");
    view.close();
    assertThat(catchThrowableOfType(ParleyClientException.class, () -> client.query(ECHO, "x"))
        .code()).isEqualTo(ErrorCode.CLIENT_CLOSED_REQUEST);
  }

  @Test
  void zeroTimeoutMeansNoClientLimit() throws InterruptedException {
    var f = client.withTimeout(Duration.ZERO).queryAsync(HANG);

    Thread.sleep(SHORT.multipliedBy(2).toMillis());
    assertThat(f).isNotDone();
    f.cancel(true);
    assertThat(client.queryAsync(ECHO, "next").orTimeout(10, TimeUnit.SECONDS).join())
        .isEqualTo("next");
  }

  @Test
  void interruptedBlockingCallStopsWaitingAndKeepsTheInterrupt() throws Exception {
    var outcome = new java.util.concurrent.CompletableFuture<Object>();
    Thread caller = Thread.ofVirtual().start(() -> {
      try {
        client.query(HANG);
        outcome.complete("answered");
      } catch (ParleyClientException e) {
        outcome.complete(List.of(e.code(), Thread.currentThread().isInterrupted()));
      }
    });
    assertThat(waitForRequests(1)).isTrue();
    caller.interrupt();

    assertThat(outcome.get(10, TimeUnit.SECONDS))
        .isEqualTo(List.of(ErrorCode.CLIENT_CLOSED_REQUEST, true));
    assertThat(client.queryAsync(ECHO, "next").orTimeout(10, TimeUnit.SECONDS).join())
        .isEqualTo("next");
  }

  private boolean waitForRequests(int n) throws InterruptedException {
    for (int i = 0; i < 1000 && server.requests() < n; i++) {
      Thread.sleep(10);
    }
    return server.requests() >= n;
  }

  @Test
  void refusesNegativeTimeout() {
    assertThatThrownBy(() -> client.withTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("timeout: ");
  }
}
