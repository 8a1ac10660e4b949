package dev.parley.client;

import static dev.parley.client.TestApi.FEED;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.parley.ErrorCode;
import dev.parley.Shared;
import dev.parley.client.WebSocketClientTest.Recorder;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The SSE side of the HTTP link against answers written here (the JDK's {@code HttpServer}), one
 * per request, in order: what it asks for, how it reads events, what it retries and how it
 * resumes.
 */
class SseClientTest {
  /** One canned answer. */
  record Answer(int status, String type, String body) {}

  /** One request as received. */
  record Asked(String uri, @Nullable String accept, @Nullable String lastEventId) {}

  private final BlockingQueue<Answer> answers = new LinkedBlockingQueue<>();
  private final List<Asked> asked = new CopyOnWriteArrayList<>();
  private final HttpServer server;
  private final ParleyClient<Shared> client;

  SseClientTest() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/parley", this::answer);
    server.start();
    client = ParleyClient.http(
        java.net.URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/parley"),
        TestApi.CONTRACT, ClientOptions.builder().reconnectDelay(Duration.ofMillis(10))
            .maxReconnectDelay(Duration.ofMillis(50)).build());
  }

  @AfterEach
  void close() {
    client.close();
    server.stop(0);
  }

  private void answer(HttpExchange exchange) throws IOException {
    try (exchange) {
      asked.add(new Asked(exchange.getRequestURI().toString(),
          exchange.getRequestHeaders().getFirst("accept"),
          exchange.getRequestHeaders().getFirst("last-event-id")));
      Answer a;
      try {
        a = answers.poll(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (a == null) {
        return;
      }
      byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("content-type", a.type());
      exchange.sendResponseHeaders(a.status(), body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private void stream(String events) {
    answers.add(new Answer(200, "text/event-stream", events));
  }

  @Test
  void asksForAnEventStreamAndReadsItsEventsToTheEnd() throws Exception {
    stream("event: connected\ndata: {}\n\n: a comment\n\ndata: \"a\"\nid: 1\n\n"
        + "event: ping\ndata: \n\ndata: \"b\"\n\nevent: return\ndata: \n\n");
    Recorder feed = new Recorder();

    client.subscribe(FEED, feed);

    feed.await(4);
    assertThat(feed.heard).containsExactly("started", "1:a", "null:b", "complete");
    assertThat(asked).singleElement().satisfies(a -> {
      assertThat(a.uri()).isEqualTo("/parley/feed");
      assertThat(a.accept()).isEqualTo("text/event-stream");
      assertThat(a.lastEventId()).isNull();
    });
  }

  @Test
  void dropsDataThatIsNotJsonAndEventsItDoesNotKnow() throws Exception {
    stream("event: connected\ndata: {}\n\ndata: not json\n\nevent: surprise\ndata: 1\n\n"
        + "data: \"ok\"\n\nevent: return\ndata: \n\n");
    Recorder feed = new Recorder();

    client.subscribe(FEED, feed);

    feed.await(3);
    assertThat(feed.heard).containsExactly("started", "null:ok", "complete");
  }

  @Test
  void resumesWithTheLastEventIdAfterAStreamEndsWithoutItsReturn() throws Exception {
    stream("event: connected\ndata: {}\n\ndata: \"a\"\nid: 7\n\n");
    stream("event: connected\ndata: {}\n\ndata: \"b\"\nid: 8\n\nevent: return\ndata: \n\n");
    Recorder feed = new Recorder();

    client.subscribe(FEED, feed);

    feed.await(4);
    assertThat(feed.heard).containsExactly("started", "7:a", "8:b", "complete");
    assertThat(asked).extracting(Asked::lastEventId).containsExactly(null, "7");
  }

  @Test
  void retriesAnErrorWorthRetryingAndEndsWithAnyOther() throws Exception {
    answers.add(new Answer(503, "application/json", "{\"error\":{\"message\":\"restarting\","
        + "\"code\":-32603,\"data\":{\"code\":\"SERVICE_UNAVAILABLE\",\"httpStatus\":503}}}"));
    stream("event: connected\ndata: {}\n\ndata: \"a\"\nid: 1\n\nevent: serialized-error\n"
        + "data: {\"message\":\"fell behind\",\"code\":-32603,\"data\":{\"code\":"
        + "\"INTERNAL_SERVER_ERROR\",\"httpStatus\":500}}\n\n");
    stream("event: connected\ndata: {}\n\nevent: serialized-error\ndata: {\"message\":\"no\","
        + "\"code\":-32009,\"data\":{\"code\":\"CONFLICT\",\"httpStatus\":409}}\n\n");
    Recorder feed = new Recorder();

    client.subscribe(FEED, feed);

    feed.await(3);
    assertThat(feed.heard).containsExactly("started", "1:a", "error:CONFLICT");
    assertThat(asked).extracting(Asked::lastEventId).containsExactly(null, null, "1");
  }

  @Test
  void endsWithTheRefusalOfAnAnswerThatIsNotAStream() throws Exception {
    answers.add(new Answer(404, "application/json", "{\"error\":{\"message\":\"No procedure\","
        + "\"code\":-32004,\"data\":{\"code\":\"NOT_FOUND\",\"httpStatus\":404}}}"));
    Recorder feed = new Recorder();

    client.subscribe(FEED, feed);

    feed.await(1);
    assertThat(feed.heard).containsExactly("error:NOT_FOUND");
    assertThat(asked).hasSize(1);
  }

  @Test
  void endsWithAnInternalErrorWhenAValueDoesNotFitTheOutput() throws Exception {
    stream("event: connected\ndata: {}\n\ndata: {\"not\":\"a string\"}\n\n");
    Recorder feed = new Recorder();

    client.subscribe(FEED, feed);

    feed.await(2);
    assertThat(feed.heard).containsExactly("started", "error:" + ErrorCode.INTERNAL_SERVER_ERROR);
  }
}
