package dev.parley.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PathsTest {
  @Test
  void joinsIdentifiersWithDots() {
    assertThat(Paths.property("", "items")).isEqualTo("items");
    assertThat(Paths.property("items[2]", "name")).isEqualTo("items[2].name");
    assertThat(Paths.property("tags", "_key$1")).isEqualTo("tags._key$1");
  }

  @Test
  void quotesOtherKeysInBrackets() {
    assertThat(Paths.property("tags", "odd key")).isEqualTo("tags[\"odd key\"]");
    assertThat(Paths.property("tags", "1st")).isEqualTo("tags[\"1st\"]");
    assertThat(Paths.property("", "")).isEqualTo("[\"\"]");
    assertThat(Paths.property("m", "a\"b\\c\n")).isEqualTo("m[\"a\\\"b\\\\c\\n\"]");
    assertThat(Paths.property("m", "é")).isEqualTo("m[\"é\"]");
  }

  @Test
  void takesEveryLetterFromAToZInEitherCaseAsAnIdentifier() {
    for (String name : List.of("a", "z", "A", "Z", "_", "$", "a09")) {
      assertThat(Paths.isIdentifier(name)).as(name).isTrue();
    }
    // the characters just outside those ranges: before and after a-z, A-Z, 0-9
    for (String name : List.of("`", "{", "@", "[", "a/", "a:")) {
      assertThat(Paths.isIdentifier(name)).as(name).isFalse();
    }
  }

  @Test
  void appendsIndexes() {
    assertThat(Paths.index("", 0)).isEqualTo("[0]");
    assertThat(Paths.index("items", 2)).isEqualTo("items[2]");
  }
}
