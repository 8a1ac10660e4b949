package dev.parley.jetty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.parley.Contract;
import dev.parley.ErrorCode;
import dev.parley.Parley;
import dev.parley.ParleyException;
import dev.parley.Query;
import dev.parley.Shared;
import dev.parley.client.ClientOptions;
import dev.parley.client.ParleyClient;
import dev.parley.client.ParleyClientException;
import dev.parley.server.Identity;
import dev.parley.server.ParleyServer;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Deadlines and cancellation across HTTP, through Jetty and the Java client: the client's deadline
 * travels in its header and stops the handler on time; a client that cancels or goes away
 * interrupts the handler; a {@code Retry-After} reaches the client's exception; a streamed batch
 * completes each call when its answer arrives.
 */
class DeadlineOverJettyTest {
  static final Query<Shared, String, String> WAIT =
      Parley.query("wait").input(String.class).output(String.class);
  static final Query<Shared, Void, String> BUSY = Parley.query("busy").output(String.class);
  static final Query<Shared, Void, String> QUICK = Parley.query("quick").output(String.class);
  static final Contract CONTRACT = Contract.of(WAIT, BUSY, QUICK);

  private final CountDownLatch entered = new CountDownLatch(1);
  private final CountDownLatch interrupted = new CountDownLatch(1);
  private final CountDownLatch release = new CountDownLatch(1);
  private final CountDownLatch releaseSecond = new CountDownLatch(1);
  private final List<String> received = new CopyOnWriteArrayList<>();
  private JettyTransport transport;

  @BeforeEach
  void start() {
    ParleyServer<Identity<Void>> server = ParleyServer.builder(CONTRACT).build(); // 30 s timeout
    server.implement(WAIT, (ctx, in) -> {
      received.add(in);
      entered.countDown();
      try {
        (in.equals("second") ? releaseSecond : release).await(1, TimeUnit.MINUTES);
        return "released";
      } catch (InterruptedException e) {
        interrupted.countDown();
        throw e;
      }
    });
    server.implement(BUSY, (ctx, in) -> {
      throw ParleyException.tooManyRequests("busy", Duration.ofSeconds(28));
    });
    server.implement(QUICK, (ctx, in) -> "quick");
    transport = JettyTransport.builder(server).host("127.0.0.1").start();
  }

  @AfterEach
  void stop() {
    release.countDown();
    releaseSecond.countDown();
    transport.close();
  }

  private ParleyClient<Shared> client(HttpClient.Version version, ClientOptions.Builder options) {
    return ParleyClient.http(transport.uri(), CONTRACT, options.httpVersion(version).build());
  }

  @Test
  void theClientsDeadlineStopsTheHandlerOnTheServer() throws Exception {
    try (var client = client(HttpClient.Version.HTTP_1_1,
        ClientOptions.builder().timeout(Duration.ofMillis(400)))) {
      var e = catchThrowableOfType(ParleyClientException.class, () -> client.query(WAIT, "x"));
      assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT);
      assertThat(interrupted.await(10, TimeUnit.SECONDS))
          .as("the handler was interrupted well before the server's own 30 s").isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(value = HttpClient.Version.class)
  void aCancelledCallInterruptsItsHandler(HttpClient.Version version) throws Exception {
    try (var client = client(version, ClientOptions.builder().timeout(Duration.ZERO))) {
      assertThat(client.query(QUICK)).isEqualTo("quick"); // h2c: upgraded on this first call
      CompletableFuture<String> call = client.queryAsync(WAIT, "x");
      assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
      call.cancel(true);
      assertThat(interrupted.await(10, TimeUnit.SECONDS)).as("the handler saw the cancel").isTrue();
      assertThat(client.query(QUICK)).isEqualTo("quick");
    }
  }

  @Test
  void aClientThatGoesAwayInterruptsItsHandler() throws Exception {
    var client = client(HttpClient.Version.HTTP_1_1, ClientOptions.builder());
    client.queryAsync(WAIT, "x");
    assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
    client.close();
    assertThat(interrupted.await(10, TimeUnit.SECONDS)).as("the handler saw the close").isTrue();
  }

  @Test
  void retryAfterReachesTheClientsException() {
    try (var client = client(HttpClient.Version.HTTP_1_1, ClientOptions.builder())) {
      var e = catchThrowableOfType(ParleyClientException.class, () -> client.query(BUSY));
      assertThat(e.code()).isEqualTo(ErrorCode.TOO_MANY_REQUESTS);
      assertThat(e.httpStatus()).isEqualTo(429);
      assertThat(e.retryAfter()).contains(Duration.ofSeconds(28));
    }
  }

  @Test
  void aStreamedBatchCompletesEachCallWhenItsAnswerArrives() throws Exception {
    try (var client = client(HttpClient.Version.HTTP_1_1, ClientOptions.builder()
        .streamBatches(true).maxConcurrentRequests(1).timeout(Duration.ofSeconds(20)))) {
      CompletableFuture<String> blocker = client.queryAsync(WAIT, "first");
      assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
      // these two queue behind the first request and leave together as one streamed batch
      CompletableFuture<String> slow = client.queryAsync(WAIT, "second");
      CompletableFuture<String> quick = client.queryAsync(QUICK);
      release.countDown();
      assertThat(blocker.get(10, TimeUnit.SECONDS)).isEqualTo("released");
      assertThat(quick.get(10, TimeUnit.SECONDS)).isEqualTo("quick");
      assertThat(slow).as("the batch's other call still runs").isNotDone();
      releaseSecond.countDown();
      assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo("released");
      assertThat(received).containsExactly("first", "second");
    }
  }
}
