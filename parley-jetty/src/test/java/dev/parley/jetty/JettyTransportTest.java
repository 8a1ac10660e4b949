package dev.parley.jetty;

import static dev.parley.jetty.TestApi.at;
import static dev.parley.jetty.TestApi.get;
import static dev.parley.jetty.TestApi.input;
import static dev.parley.jetty.TestApi.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.Parley;
import dev.parley.Contract;
import dev.parley.server.ParleyServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JettyTransportTest {
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private JettyTransport transport;

  @BeforeEach
  void start() {
    transport = new TestApi().start();
  }

  @AfterEach
  void stop() {
    transport.close();
    http.close();
  }

  @Test
  void servesQueryByGetWithUrlEncodedInput() {
    HttpResponse<String> r = get(http, at(transport, "/todos.get?" + input("{\"id\":1}")));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
    assertThat(r.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(r.body()).isEqualTo("{\"result\":{\"data\":{\"id\":1,\"text\":\"milk\"}}}");
  }

  @Test
  void servesMutationByPost() {
    HttpResponse<String> r = post(http, at(transport, "/todos.add"), "{\"text\":\"eggs\"}");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"data\":{\"id\":2,\"text\":\"eggs\"}")
        .contains("\"resources\":[\"todos\"]");
    assertThat(get(http, at(transport, "/todos.list")).body()).contains("eggs");
  }

  @Test
  void servesBatchInOrder() {
    String inputs = "{\"0\":{\"id\":1},\"1\":{\"id\":1}}";
    HttpResponse<String> r =
        get(http, at(transport, "/todos.get,todos.list?batch=1&" + input(inputs)));

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("[{\"result\":{\"data\":{\"id\":1,\"text\":\"milk\"}}},"
        + "{\"result\":{\"data\":[{\"id\":1,\"text\":\"milk\"}]}}]");
  }

  @Test
  void servesBatchOfMutationsByPost() {
    HttpResponse<String> r = post(http, at(transport, "/todos.add,todos.add?batch=1"),
        "{\"0\":{\"text\":\"a\"},\"1\":{\"text\":\"b\"}}");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).startsWith("[").contains("\"text\":\"a\"").contains("\"text\":\"b\"");
  }

  @Test
  void passesHeadersAndRemoteAddressToTheServer() {
    HttpResponse<String> r = TestApi.send(http,
        HttpRequest.newBuilder(at(transport, "/whoami")).header("X-User", "ada").build());

    assertThat(r.body()).isEqualTo("{\"result\":{\"data\":\"ada@127.0.0.1\"}}");
  }

  @Test
  void answersErrorsOfTheServerAsTheyAre() {
    HttpResponse<String> r = post(http, at(transport, "/todos.list"), "");

    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(r.body()).contains("\"code\":\"METHOD_NOT_SUPPORTED\"");
  }

  @Test
  void answersNotFoundInPlainTextOutsideTheBasePath() {
    URI root = URI.create("http://127.0.0.1:" + transport.port());
    for (String path : new String[] {"/", "/todos.list", "/parleyx/todos.list", "/index.html"}) {
      HttpResponse<String> r = get(http, root.resolve(path));

      assertThat(r.statusCode()).as(path).isEqualTo(404);
      assertThat(r.headers().firstValue("content-type")).hasValue("text/plain; charset=utf-8");
    }
  }

  @Test
  void unknownProcedureUnderTheBasePathIsTheServersNotFound() {
    HttpResponse<String> r = get(http, at(transport, "/nope"));

    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).contains("\"code\":\"NOT_FOUND\"").contains("\"path\":\"nope\"");
  }

  @Test
  void servesUnderAConfiguredBasePath() {
    try (JettyTransport api = JettyTransport.builder(new TestApi().server)
        .host("127.0.0.1").basePath("/api/v1/").start()) {
      assertThat(api.uri().getPath()).isEqualTo("/api/v1");

      assertThat(get(http, at(api, "/todos.list")).statusCode()).isEqualTo(200);
      URI root = URI.create("http://127.0.0.1:" + api.port());
      assertThat(get(http, root.resolve("/parley/todos.list")).statusCode()).isEqualTo(404);
      assertThat(get(http, root.resolve("/api/todos.list")).statusCode()).isEqualTo(404);
    }
  }

  @Test
  void servesAtTheRootWhenTheBasePathIsSlash() {
    try (JettyTransport root = JettyTransport.builder(new TestApi().server)
        .host("127.0.0.1").basePath("/").start()) {
      assertThat(root.uri()).isEqualTo(URI.create("http://127.0.0.1:" + root.port()));

      assertThat(get(http, at(root, "/todos.list")).body()).contains("milk");
    }
  }

  @Test
  void startListensOnEveryInterfaceUnderTheDefaultBasePath() {
    try (JettyTransport all = JettyTransport.start(new TestApi().server, 0)) {
      assertThat(all.uri()).isEqualTo(URI.create("http://localhost:" + all.port() + "/parley"));

      assertThat(get(http, at(all, "/todos.list")).body()).contains("milk");
      assertThat(get(http, URI.create("http://127.0.0.1:" + all.port() + "/parley/todos.list"))
          .statusCode()).isEqualTo(200);
    }
  }

  @Test
  void refusesToStartWhileAProcedureIsUnimplemented() {
    var server = ParleyServer.builder(Contract.of(Parley.query("unimplemented"))).build();

    assertThatThrownBy(() -> JettyTransport.start(server, 0))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("unimplemented");
  }

  @Test
  void rejectsBadSettingsNamingThem() {
    var builder = JettyTransport.builder(new TestApi().server);

    assertThatThrownBy(() -> builder.port(70000)).hasMessage("port: 70000 (expected: 0..65535)");
    assertThatThrownBy(() -> builder.basePath("api"))
        .hasMessage("basePath: api (expected: a path starting with /)");
    assertThatThrownBy(() -> builder.shutdownGrace(java.time.Duration.ofSeconds(-1)))
        .hasMessageStartingWith("shutdownGrace: ");
  }

  @Test
  void closeIsIdempotent() {
    transport.close();
    transport.close();

    assertThat(transport.toString()).contains("closed");
  }
}
