package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link ParleyRequest} and {@link ParleyResponse} are values: equal by content, immutable. */
class ValuesTest {
  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void requestsAreEqualByTheirBytesAndKeepTheirOwnCopy() {
    byte[] body = utf8("{\"a\":1}");
    var a = new ParleyRequest("POST", "x", "", Map.of("Content-Type", List.of("application/json")),
        body, null);
    var b = new ParleyRequest("POST", "x", "", Map.of("content-type", List.of("application/json")),
        utf8("{\"a\":1}"), null);

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    body[0] = 'X';
    a.body()[1] = 'Y';
    assertThat(a.body()).isEqualTo(utf8("{\"a\":1}"));
    assertThat(a.bodyLength()).isEqualTo(7);
    assertThat(a).isNotEqualTo(new ParleyRequest("POST", "x", "", Map.of(), utf8("{}"), null));
    assertThat(a.toString()).isEqualTo("ParleyRequest[POST x, 7 bytes]");
  }

  @Test
  void responsesAreEqualByTheirBytesAndKeepTheirOwnCopy() {
    byte[] body = utf8("ok");
    var a = new ParleyResponse(200, Map.of("content-type", "text/plain"), body);

    assertThat(a).isEqualTo(new ParleyResponse(200, Map.of("content-type", "text/plain"), utf8("ok")))
        .hasSameHashCodeAs(new ParleyResponse(200, Map.of("content-type", "text/plain"), utf8("ok")));
    body[0] = 'X';
    a.body()[0] = 'Y';
    assertThat(a.bodyText()).isEqualTo("ok");
    assertThat(a).isNotEqualTo(new ParleyResponse(201, Map.of("content-type", "text/plain"), utf8("ok")));
    assertThat(a.toString()).isEqualTo("ParleyResponse[200, ok]");
  }

  @Test
  void mergesHeadersWhoseNamesDifferOnlyInCase() {
    var r = new ParleyRequest("GET", "x", "", Map.of("Accept", List.of("a"), "accept", List.of("b"),
        "X-One", List.of("1")), new byte[0], null);
    assertThat(r.headers()).containsOnlyKeys("accept", "x-one");
    assertThat(r.headers().get("accept")).containsExactlyInAnyOrder("a", "b");
    assertThat(r.header("X-ONE")).contains("1");
    assertThat(r.header("missing")).isEmpty();
    assertThat(new ParleyRequest("GET", "x", "", Map.of("accept", List.of()), new byte[0], null)
        .header("accept")).isEmpty();
  }

  @Test
  void readsABearerTokenWhateverTheSchemesCase() {
    java.util.function.Function<String, java.util.Optional<String>> token = h -> new ParleyRequest(
        "GET", "x", "", Map.of("authorization", List.of(h)), new byte[0], null).bearerToken();
    assertThat(token.apply("Bearer abc")).contains("abc");
    assertThat(token.apply("bearer abc")).contains("abc");
    assertThat(token.apply("BEARER  abc ")).contains("abc");
    assertThat(token.apply("Basic abc")).isEmpty();
    assertThat(token.apply("Bearer ")).isEmpty();
    assertThat(token.apply("Bearerabc")).isEmpty();
    assertThat(new ParleyRequest("GET", "x", "", Map.of(), new byte[0], null).bearerToken())
        .isEmpty();
  }
}
