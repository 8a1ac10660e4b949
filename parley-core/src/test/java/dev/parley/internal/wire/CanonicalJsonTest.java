package dev.parley.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.internal.json.JsonCodec;
import java.util.List;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {
  private final JsonCodec codec = JsonCodec.standard();

  record Point(int y, int x, String label) {}

  @Test
  void sortsPropertiesAtEveryLevelAndDropsWhitespace() {
    String a = CanonicalJson.of(codec.parse("{ \"b\": [ {\"z\":1, \"a\":2} ], \"a\": \"x\" }"));
    String b = CanonicalJson.of(codec.parse("{\"a\":\"x\",\"b\":[{\"a\":2,\"z\":1}]}"));

    assertThat(a).isEqualTo("{\"a\":\"x\",\"b\":[{\"a\":2,\"z\":1}]}").isEqualTo(b);
  }

  @Test
  void escapesStringsAsJsonAndKeepsArrayOrder() {
    assertThat(CanonicalJson.of(codec.parse("{\"q\\\"k\":[3,1,\"\\n\\u00e9\"]}")))
        .isEqualTo("{\"q\\\"k\":[3,1,\"\\né\"]}");
  }

  @Test
  void aValueHasTheKeyOfItsJsonWhateverTheOrderOfItsComponents() {
    String typed = CanonicalJson.of(codec, Point.class, new Point(2, 1, "p"));

    assertThat(typed).isEqualTo("{\"label\":\"p\",\"x\":1,\"y\":2}");
    assertThat(CanonicalJson.of(codec, Point.class, null)).isEqualTo("null");
    assertThat(CanonicalJson.of(codec, List.class, List.of(2, 1))).isEqualTo("[2,1]");
  }
}
