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

  @Test
  void ordersPathsAsThePartsStandWithIndicesAsNumbers() {
    List<String> paths = new java.util.ArrayList<>(List.of("items[10].name", "title", "items[2]",
        "items[2].name", "", "items.size", "items[\"10\"]", "items[9].name", "items[100]",
        "a[1][10]", "a[1][9]"));
    paths.sort(Paths::compare);
    assertThat(paths).containsExactly("", "a[1][9]", "a[1][10]", "items.size", "items[\"10\"]",
        "items[2]", "items[2].name", "items[9].name", "items[10].name", "items[100]", "title");
  }
}
