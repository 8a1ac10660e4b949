package dev.parley.examples.todos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.jetty.JettyTransport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The demo over HTTP: getTodos answers 304 to its ETag until a mutation changes the todos. */
class TodoHttpCachingTest {
  private JettyTransport demo;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() {
    demo = TodoDemo.start("127.0.0.1", 0);
  }

  @AfterEach
  void stop() {
    http.close();
    demo.close();
  }

  private HttpResponse<String> get(String name, String ifNoneMatch) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(demo.uri() + "/" + name));
    if (ifNoneMatch != null) {
      b.header("if-none-match", ifNoneMatch);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private void add(String text) throws IOException, InterruptedException {
    HttpResponse<String> added = http.send(HttpRequest.newBuilder(URI.create(demo.uri() + "/addTodo"))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"" + text + "\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(added.statusCode()).isEqualTo(200);
  }

  @Test
  void getTodosIsNotModifiedUntilAMutationChangesTheTodos() throws Exception {
    HttpResponse<String> first = get("getTodos", null);
    String tag = first.headers().firstValue("etag").orElseThrow();
    assertThat(first.headers().firstValue("cache-control")).hasValue("no-cache");
    assertThat(first.body()).contains("Read the overview");

    HttpResponse<String> unchanged = get("getTodos", tag);
    assertThat(unchanged.statusCode()).isEqualTo(304);
    assertThat(unchanged.body()).isEmpty();

    add("Buy milk");
    HttpResponse<String> changed = get("getTodos", tag);
    assertThat(changed.statusCode()).isEqualTo(200);
    assertThat(changed.body()).contains("Buy milk");
    String newTag = changed.headers().firstValue("etag").orElseThrow();
    assertThat(newTag).isNotEqualTo(tag);
    assertThat(get("getTodos", newTag).statusCode()).isEqualTo(304);
  }

  @Test
  void buildInfoIsStaticAndImmutableOverHttp() throws Exception {
    HttpResponse<String> first = get("buildInfo", null);
    String tag = first.headers().firstValue("etag").orElseThrow();

    assertThat(first.body()).startsWith("{\"result\":{\"data\":{\"version\":\"" + TodoServer.VERSION
        + "\",\"startedAt\":\"");
    assertThat(first.headers().firstValue("cache-control"))
        .hasValue("public, max-age=31536000, immutable");
    add("Anything");
    HttpResponse<String> again = get("buildInfo", tag);
    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(get("buildInfo", null).body()).isEqualTo(first.body());
  }
}
