package dev.parley.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.internal.json.JsonCodec;
import org.junit.jupiter.api.Test;

/** The cache key of an input does not depend on the order of its properties. */
class CanonicalTest {
  private final JsonCodec codec = JsonCodec.standard();

  @Test
  void sortsPropertiesAtEveryLevelAndKeepsArraysInOrder() {
    String a = Canonical.json(codec.parse("{\"b\":1,\"a\":{\"y\":[3,1],\"x\":\"q\\\"\"}}"));
    String b = Canonical.json(codec.parse("{ \"a\" : {\"x\":\"q\\\"\", \"y\":[3,1]}, \"b\":1 }"));
    assertThat(a).isEqualTo(b).isEqualTo("{\"a\":{\"x\":\"q\\\"\",\"y\":[3,1]},\"b\":1}");
    assertThat(Canonical.json(codec.parse("[1,2]"))).isNotEqualTo(Canonical.json(codec.parse("[2,1]")));
  }
}
