package dev.parley.server;

import static dev.parley.server.WireAssert.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BrowserPolicyTest {
  private static final String SELF = "http://localhost:8080";
  private static final String APP = "https://app.example.com";
  private static final String EVIL = "https://evil.example";

  private static ParleyServer<Identity<Void>> server(ServerOptions options) {
    return Fixture.implement(ParleyServer.builder(Fixture.CONTRACT).options(options).build());
  }

  private static ParleyRequest request(String method, String path, String body, String... headers) {
    Map<String, List<String>> h = new HashMap<>();
    h.put("host", List.of("localhost:8080"));
    for (int i = 0; i < headers.length; i += 2) {
      h.put(headers[i], List.of(headers[i + 1]));
    }
    return new ParleyRequest(method, path, "", h, body.getBytes(StandardCharsets.UTF_8), null);
  }

  private static ParleyRequest add(String... headers) {
    String[] all = new String[headers.length + 2];
    all[0] = "content-type";
    all[1] = "application/json";
    System.arraycopy(headers, 0, all, 2, headers.length);
    return request("POST", "todos.add", "{\"text\":\"x\"}", all);
  }

  @Test
  void servesSameOriginCallsAndCallsWithoutAnOrigin() {
    var server = server(ServerOptions.defaults());
    assertThat(server.handle(add("origin", SELF, "cookie", "s=1")).status()).isEqualTo(200);
    assertThat(server.handle(add()).status()).isEqualTo(200);
    assertThat(server.handle(request("GET", "todos.list", "", "cookie", "s=1",
        "sec-fetch-site", "same-origin")).status()).isEqualTo(200);
  }

  @Test
  void refusesEveryCrossOriginCallWhileCorsIsOff() {
    var server = server(ServerOptions.defaults());
    var r = server.handle(add("origin", EVIL));
    assertError(r, 403, "FORBIDDEN", -32003, null);
    assertThat(r.headers()).doesNotContainKey("access-control-allow-origin");
    assertThat(server.handle(request("OPTIONS", "todos.add", "", "origin", EVIL,
        "access-control-request-method", "POST")).status()).isEqualTo(403);
    assertThat(server.handle(add("origin", SELF)).status()).isEqualTo(200);
  }

  @Test
  void refusesANoCorsRequestWithCookiesFromAnotherSite() {
    var server = server(ServerOptions.defaults());
    var r = server.handle(request("GET", "todos.list", "", "cookie", "s=1",
        "sec-fetch-site", "cross-site"));
    assertError(r, 403, "FORBIDDEN", -32003, null);
    assertThat(server.handle(request("GET", "todos.list", "", "sec-fetch-site", "cross-site"))
        .status()).isEqualTo(200);
  }

  @Test
  void answersPreflightsAndCallsOfAnAllowedOrigin() {
    var server = server(ServerOptions.builder().allowedOrigins(APP).build());
    var preflight = server.handle(request("OPTIONS", "todos.add", "", "origin", APP,
        "access-control-request-method", "POST",
        "access-control-request-headers", "content-type, authorization"));
    assertThat(preflight.status()).isEqualTo(204);
    assertThat(preflight.headers())
        .containsEntry("access-control-allow-origin", APP)
        .containsEntry("access-control-allow-methods", "GET, POST")
        .containsEntry("access-control-allow-headers", "content-type, authorization")
        .doesNotContainKey("access-control-allow-credentials");

    var call = server.handle(add("origin", APP));
    assertThat(call.status()).isEqualTo(200);
    assertThat(call.headers()).containsEntry("access-control-allow-origin", APP)
        .containsEntry("content-type", "application/json");
    assertThat(server.handle(add("origin", EVIL)).status()).isEqualTo(403);
  }

  @Test
  void refusesCookiesFromAnAllowedOriginUnlessCredentialsAreAllowed() {
    var plain = server(ServerOptions.builder().allowedOrigins(APP).build());
    assertError(plain.handle(add("origin", APP, "cookie", "s=1")), 403, "FORBIDDEN", -32003, null);

    var withCredentials =
        server(ServerOptions.builder().allowedOrigins(APP).allowCredentials(true).build());
    var r = withCredentials.handle(add("origin", APP, "cookie", "s=1"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.headers()).containsEntry("access-control-allow-credentials", "true")
        .containsEntry("access-control-allow-origin", APP);
  }

  @Test
  void allowsAnyOriginWithoutCredentials() {
    var server = server(ServerOptions.builder().allowedOrigins("*").build());
    assertThat(server.handle(add("origin", EVIL)).headers())
        .containsEntry("access-control-allow-origin", "*");
    assertThat(server.handle(add("origin", EVIL, "cookie", "s=1")).status()).isEqualTo(403);
    assertThatThrownBy(() -> ServerOptions.builder().allowedOrigins("*").allowCredentials(true).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("allowCredentials");
    assertThatThrownBy(() -> ServerOptions.builder().allowedOrigins("https://a.example/path").build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scheme://host[:port]");
  }

  @Test
  void refusesAFormPostWhateverItsOrigin() {
    var server = server(ServerOptions.defaults());
    var form = request("POST", "ping", "", "content-type", "application/x-www-form-urlencoded",
        "origin", SELF);
    assertError(server.handle(form), 415, "UNSUPPORTED_MEDIA_TYPE", -32015, null);
    var noType = request("POST", "ping", "");
    assertError(server.handle(noType), 415, "UNSUPPORTED_MEDIA_TYPE", -32015, null);
  }

  @Test
  void judgesTheSameOriginByHostAndSchemeDefaultPort() {
    var server = server(ServerOptions.defaults());
    java.util.function.BiFunction<String, String, Integer> status = (origin, host) -> {
      Map<String, List<String>> h = new HashMap<>();
      h.put("origin", List.of(origin));
      if (host != null) {
        h.put("host", List.of(host));
      }
      return server.handle(new ParleyRequest("GET", "todos.list", "", h, new byte[0], null)).status();
    };
    assertThat(status.apply("http://localhost:8080", "localhost:8080")).isEqualTo(200);
    assertThat(status.apply("http://LOCALHOST:8080", "localhost:8080")).isEqualTo(200);
    assertThat(status.apply("http://example.com", "example.com")).isEqualTo(200);
    assertThat(status.apply("https://example.com", "example.com:443")).isEqualTo(200);
    assertThat(status.apply("http://example.com", "example.com:80")).isEqualTo(200);
    assertThat(status.apply("http://[::1]:8080", "[::1]:8080")).isEqualTo(200);
    assertThat(status.apply("http://example.com:81", "example.com")).isEqualTo(403);
    assertThat(status.apply("https://example.com", "example.com:80")).isEqualTo(403);
    assertThat(status.apply("http://localhost:8080", null)).isEqualTo(403);
    assertThat(status.apply("null", "localhost:8080")).isEqualTo(403);
    assertThat(status.apply("localhost:8080", "localhost:8080")).isEqualTo(403);
    assertThat(status.apply("http://%zz", "localhost:8080")).isEqualTo(403);
  }

  @Test
  void refusesAPreflightForAMethodOtherThanGetOrPost() {
    var server = server(ServerOptions.builder().allowedOrigins(APP).build());
    assertThat(server.handle(request("OPTIONS", "todos.add", "", "origin", APP,
        "access-control-request-method", "PUT")).status()).isEqualTo(403);
    assertThat(server.handle(request("OPTIONS", "todos.add", "", "origin", APP,
        "access-control-request-method", "GET")).status()).isEqualTo(204);
  }
}
