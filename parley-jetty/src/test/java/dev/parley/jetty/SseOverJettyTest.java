package dev.parley.jetty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Contract;
import dev.parley.Parley;
import dev.parley.Query;
import dev.parley.Shared;
import dev.parley.Subscription;
import dev.parley.server.Identity;
import dev.parley.server.ParleyServer;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Subscriptions as Server-Sent Events through the real transport, over HTTP/1.1 and h2c. */
class SseOverJettyTest {
  record Tick(long n) {}

  static final Subscription<Shared, Void, Tick> THREE =
      Parley.subscription("three").output(Tick.class);
  static final Subscription<Shared, Void, Tick> FOREVER =
      Parley.subscription("forever").output(Tick.class);
  static final Query<Shared, Void, Integer> ACTIVE =
      Parley.query("forever.active").output(Integer.class);

  private final AtomicInteger live = new AtomicInteger();
  private final CountDownLatch started = new CountDownLatch(1);
  private final JettyTransport transport;

  SseOverJettyTest() {
    ParleyServer<Identity<Void>> server =
        ParleyServer.builder(Contract.of(THREE, FOREVER, ACTIVE)).build();
    server.implement(THREE, (ctx, in, sink) -> {
      for (int n = 0; n < 3; n++) {
        sink.next(Integer.toString(n), new Tick(n));
      }
    });
    server.implement(FOREVER, (ctx, in, sink) -> {
      live.incrementAndGet();
      try {
        for (long n = 0; ; n++) {
          sink.next(new Tick(n));
          started.countDown();
          Thread.sleep(50);
        }
      } finally {
        live.decrementAndGet();
      }
    });
    server.implement(ACTIVE, (ctx, in) -> live.get());
    transport = JettyTransport.builder(server).host("127.0.0.1").shutdownGrace(Duration.ofSeconds(10))
        .start();
  }

  @AfterEach
  void stop() {
    transport.close();
  }

  private HttpRequest sse(String name) {
    return HttpRequest.newBuilder(URI.create(transport.uri() + "/" + name))
        .header("accept", "text/event-stream").build();
  }

  @ParameterizedTest
  @EnumSource(value = HttpClient.Version.class)
  void streamsEventsAndEndsWithReturn(HttpClient.Version version) throws Exception {
    try (HttpClient http = HttpClient.newBuilder().version(version).build()) {
      HttpResponse<String> r = http.send(sse("three"), HttpResponse.BodyHandlers.ofString());

      assertThat(r.version()).isEqualTo(version);
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.headers().firstValue("content-type")).hasValue("text/event-stream");
      assertThat(r.body()).startsWith("event: connected\n")
          .contains("data: {\"n\":0}\nid: 0\n\n", "data: {\"n\":2}\nid: 2\n\n")
          .endsWith("event: return\ndata: \n\n");
    }
  }

  @ParameterizedTest
  @EnumSource(value = HttpClient.Version.class)
  void cancelsTheHandlerWhenTheClientHangsUp(HttpClient.Version version) throws Exception {
    try (HttpClient http = HttpClient.newBuilder().version(version).build()) {
      HttpResponse<InputStream> r = http.send(sse("forever"), HttpResponse.BodyHandlers.ofInputStream());
      BufferedReader lines = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8));
      assertThat(lines.readLine()).isEqualTo("event: connected");
      assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(active(http)).isEqualTo(1);

      r.body().close();

      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (live.get() > 0 && System.nanoTime() < until) {
        Thread.sleep(20);
      }
      assertThat(live.get()).isZero();
      assertThat(active(http)).isZero();
    }
  }

  @Test
  void closingTheTransportEndsLiveStreamsAtOnceWithServiceUnavailable() throws Exception {
    try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
      HttpResponse<InputStream> r = http.send(sse("forever"), HttpResponse.BodyHandlers.ofInputStream());
      assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

      long start = System.nanoTime();
      transport.close();
      long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

      List<String> tail = new ArrayList<>();
      BufferedReader lines = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8));
      for (String line; (line = lines.readLine()) != null; ) {
        tail.add(line);
      }
      assertThat(String.join("\n", tail)).contains("event: serialized-error")
          .contains("\"code\":\"SERVICE_UNAVAILABLE\"");
      assertThat(tookMs).as("close returned within the grace").isLessThan(5000);
      assertThat(live.get()).isZero();
    }
  }

  private int active(HttpClient http) throws Exception {
    String body = http.send(HttpRequest.newBuilder(URI.create(transport.uri() + "/forever.active"))
        .build(), HttpResponse.BodyHandlers.ofString()).body();
    return Integer.parseInt(body.replaceAll("\\D", ""));
  }
}
