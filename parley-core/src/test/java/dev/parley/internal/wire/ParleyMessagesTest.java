package dev.parley.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.internal.json.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Parley's WebSocket messages: written by one side, read by the other, in their namespace. */
class ParleyMessagesTest {
  private final JsonCodec codec = JsonCodec.standard();

  @Test
  void aWatchIsReadBackAsItsSortedResources() {
    JsonNode watch = codec.parse(ParleyMessages.watch(Set.of("todos", "todo/*", "a\"b"), false)
        .getBytes(StandardCharsets.UTF_8));
    assertThat(watch.get("method").stringValue()).isEqualTo("parley.watch");
    assertThat(ParleyMessages.resources(watch)).containsExactly("a\"b", "todo/*", "todos");
    JsonNode unwatch = codec.parse(ParleyMessages.watch(List.of("x"), true)
        .getBytes(StandardCharsets.UTF_8));
    assertThat(unwatch.get("method").stringValue()).isEqualTo("parley.unwatch");
  }

  @Test
  void aWatchMayCarrySinceAndItMustBeANonNegativeInteger() {
    JsonNode watch = codec.parse(ParleyMessages.watch(List.of("todos"), 42)
        .getBytes(StandardCharsets.UTF_8));
    assertThat(watch.toString()).isEqualTo(
        "{\"method\":\"parley.watch\",\"params\":{\"resources\":[\"todos\"],\"since\":42}}");
    assertThat(ParleyMessages.since(watch)).isEqualTo(42);
    assertThat(ParleyMessages.watch(List.of("todos"), -1)).doesNotContain("since");
    assertThat(ParleyMessages.since(codec.parse(ParleyMessages.watch(List.of("a"), false)
        .getBytes(StandardCharsets.UTF_8)))).as("absent").isEqualTo(-1);
    for (String bad : List.of("-1", "\"3\"", "1.5", "true", "[]", "99999999999999999999999")) {
      assertThatThrownBy(() -> ParleyMessages.since(codec.parse(
          ("{\"method\":\"parley.watch\",\"params\":{\"resources\":[],\"since\":" + bad + "}}")
              .getBytes(StandardCharsets.UTF_8))))
          .as(bad).hasMessage("\"params.since\" must be a non-negative integer");
    }
  }

  @Test
  void anInvalidateIsWrittenSorted() {
    assertThat(new String(ParleyMessages.invalidate(Set.of("todos", "todo/2")),
        StandardCharsets.UTF_8)).isEqualTo(
        "{\"method\":\"parley.invalidate\",\"params\":{\"resources\":[\"todo/2\",\"todos\"]}}");
  }

  @Test
  void resourcesMustBeAnArrayOfStrings() {
    assertThatThrownBy(() -> ParleyMessages.resources(codec.parse(
        "{\"method\":\"parley.watch\",\"params\":{\"resources\":[\"a\",1]}}"
            .getBytes(StandardCharsets.UTF_8))))
        .hasMessageContaining("item 1 is not a string");
    assertThatThrownBy(() -> ParleyMessages.resources(codec.parse(
        "{\"method\":\"parley.watch\"}".getBytes(StandardCharsets.UTF_8))))
        .hasMessageContaining("must be an array of strings");
  }

  @Test
  void onlyTheParleyNamespaceIsParleys() {
    assertThat(ParleyMessages.isParley("parley.watch")).isTrue();
    assertThat(ParleyMessages.isParley("parley.anything")).isTrue();
    assertThat(ParleyMessages.isParley("query")).isFalse();
    assertThat(ParleyMessages.isParley(null)).isFalse();
  }
}
