package dev.parley.jetty;

import static dev.parley.jetty.TestApi.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StaticFilesTest {
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private JettyTransport transport;
  private URI root;

  @BeforeEach
  void start() {
    transport = JettyTransport.builder(new TestApi().server).host("127.0.0.1")
        .staticFiles("web").start();
    root = URI.create("http://127.0.0.1:" + transport.port());
  }

  @AfterEach
  void stop() {
    transport.close();
    http.close();
  }

  @Test
  void servesIndexHtmlAtTheRoot() {
    HttpResponse<String> r = get(http, root.resolve("/"));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(
        t -> assertThat(t).startsWith("text/html"));
    assertThat(r.body()).contains("<title>Parley test page</title>");
  }

  @Test
  void servesOtherFilesByPath() {
    HttpResponse<String> r = get(http, root.resolve("/app.js"));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("console.log");
  }

  @Test
  void answersNotFoundForAMissingFile() {
    HttpResponse<String> r = get(http, root.resolve("/missing.css"));

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).isEqualTo("Not found\n");
  }

  @Test
  void stillServesTheWireUnderTheBasePath() {
    assertThat(get(http, TestApi.at(transport, "/todos.list")).body()).contains("milk");
  }

  @Test
  void refusesADirectoryNotOnTheClassPath() {
    var builder = JettyTransport.builder(new TestApi().server).host("127.0.0.1")
        .staticFiles("no-such-dir");

    assertThatThrownBy(builder::start).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("staticFiles: no-such-dir (expected: a directory on the class path)");
  }

  @Test
  void refusesTheRootBasePathWhichWouldHideTheFiles() {
    var builder = JettyTransport.builder(new TestApi().server).host("127.0.0.1")
        .basePath("/").staticFiles("web");

    assertThatThrownBy(builder::start).isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("basePath: / (expected: ");
  }
}
