package dev.parley.jetty;

import static dev.parley.jetty.TestApi.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GracefulCloseTest {
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void letsACallInFlightFinishBeforeClosing() throws Exception {
    TestApi api = new TestApi();
    JettyTransport transport = api.start();
    CompletableFuture<HttpResponse<String>> call = http.sendAsync(slow(transport),
        HttpResponse.BodyHandlers.ofString());
    assertThat(api.entered.await(10, TimeUnit.SECONDS)).isTrue();

    Thread closer = Thread.ofVirtual().start(transport::close);
    closer.join(Duration.ofMillis(300));
    assertThat(closer.isAlive()).as("close waits for the call in flight").isTrue();
    api.release.countDown();
    closer.join(Duration.ofSeconds(10));

    assertThat(closer.isAlive()).isFalse();
    HttpResponse<String> r = call.get(10, TimeUnit.SECONDS);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).startsWith("{\"result\":{\"data\":\"done\"");
  }

  @Test
  void cutsOffACallStillRunningAfterTheGrace() throws Exception {
    TestApi api = new TestApi();
    JettyTransport transport = JettyTransport.builder(api.server).host("127.0.0.1")
        .shutdownGrace(Duration.ofMillis(200)).start();
    CompletableFuture<HttpResponse<String>> call = http.sendAsync(slow(transport),
        HttpResponse.BodyHandlers.ofString());
    assertThat(api.entered.await(10, TimeUnit.SECONDS)).isTrue();
    try {
      transport.close();

      // cut off: the connection closes, or the interrupted call is answered with an error
      try {
        HttpResponse<String> answer = call.get(10, TimeUnit.SECONDS);
        assertThat(answer.statusCode()).isGreaterThanOrEqualTo(400);
        assertThat(answer.body()).doesNotContain("done");
      } catch (ExecutionException expected) {
        // the connection was closed
      }
    } finally {
      api.release.countDown();
    }
  }

  private static HttpRequest slow(JettyTransport transport) {
    return HttpRequest.newBuilder(at(transport, "/slow"))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.noBody()).build();
  }
}
