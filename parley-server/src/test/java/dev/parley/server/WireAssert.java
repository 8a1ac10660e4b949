package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Assertions on the JSON answers of {@link ParleyServer#handle}. */
final class WireAssert {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private WireAssert() {}

  static JsonNode json(ParleyResponse r) {
    return MAPPER.readTree(r.body());
  }

  static JsonNode json(String text) {
    return MAPPER.readTree(text);
  }

  /**
   * Asserts tRPC's error shape: status, content type, {@code error.message/code/data.code/
   * data.httpStatus/data.path}, no stack, nothing else at the top level.
   */
  static JsonNode assertError(ParleyResponse r, int status, String code, int rpcCode, String path) {
    assertThat(r.status()).as(r.bodyText()).isEqualTo(status);
    assertThat(r.headers()).containsEntry("content-type", "application/json");
    JsonNode body = json(r);
    return assertErrorElement(body, status, code, rpcCode, path);
  }

  static JsonNode assertErrorElement(
      JsonNode body, int status, String code, int rpcCode, String path) {
    assertThat(names(body)).containsExactly("error");
    JsonNode error = body.get("error");
    assertThat(names(error)).containsExactly("message", "code", "data");
    assertThat(error.get("message").isString()).isTrue();
    assertThat(error.get("code").asInt()).isEqualTo(rpcCode);
    JsonNode data = error.get("data");
    assertThat(data.get("code").asString()).isEqualTo(code);
    assertThat(data.get("httpStatus").asInt()).isEqualTo(status);
    if (path == null) {
      assertThat(data.has("path")).isFalse();
    } else {
      assertThat(data.get("path").asString()).isEqualTo(path);
    }
    assertThat(data.has("stack")).isFalse();
    return error;
  }

  static List<String> names(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.propertyNames().forEach(names::add);
    return names;
  }

  /** A normal query and mutation still succeed. */
  static void assertStillServes(ParleyServer<?> server) {
    ParleyResponse list = server.handle(Fixture.get("todos.list", ""));
    assertThat(list.status()).as(list.bodyText()).isEqualTo(200);
    assertThat(json(list).get("result").get("data").isArray()).isTrue();
    ParleyResponse add = server.handle(Fixture.post("todos.add", "", "{\"text\":\"again\"}"));
    assertThat(add.status()).as(add.bodyText()).isEqualTo(200);
    assertThat(json(add).get("result").get("data").get("text").asString()).isEqualTo("again");
  }
}
