package dev.parley.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** When two resource names overlap: exact names, {@code /*} patterns, and both mixed. */
class ResourceNamesTest {

  @ParameterizedTest(name = "{0} ~ {1}: {2}")
  @CsvSource({
      "todos, todos, true",
      "todos, todo, false",
      "todo/3, todo/3, true",
      "todo/3, todo/4, false",
      "todo/*, todo/3, true",
      "todo/*, todo/x/y, true",
      "todo/*, todos, false",
      "todo/*, todo, false",
      "todo/*, todo/, false",
      "todo/*, todo/*, true",
      "todo/*, todo/x/*, true",
      "todo/x/*, todo/y/*, false",
      "todo/x/*, todo/x, false",
      "todo/x/*, todo/x/1, true",
      "todo/x/*, todo/xy/1, false",
      "todos/*, todo/1, false",
      "/*, /a, true",
      "*, todos, false",
      "*, *, true",
      "a//*, a//b, true",
  })
  void overlapIsWhatTheNamesSay(String a, String b, boolean expected) {
    assertThat(ResourceNames.overlap(a, b)).isEqualTo(expected);
    assertThat(ResourceNames.overlap(b, a)).as("symmetric").isEqualTo(expected);
  }

  @Test
  void onlyATrailingSlashStarIsAPattern() {
    assertThat(ResourceNames.isPattern("todo/*")).isTrue();
    assertThat(ResourceNames.isPattern("todo*")).isFalse();
    assertThat(ResourceNames.isPattern("*")).isFalse();
    assertThat(ResourceNames.isPattern("todo/*/x")).isFalse();
    assertThat(ResourceNames.prefix("todo/*")).isEqualTo("todo/");
    assertThatThrownBy(() -> ResourceNames.prefix("todos"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("todos");
  }

  @Test
  void coveringPrefixesAreThoseOfEveryPatternAboveAName() {
    assertThat(ResourceNames.coveringPrefixes("todos")).isEmpty();
    assertThat(ResourceNames.coveringPrefixes("todo/3")).containsExactly("todo/");
    assertThat(ResourceNames.coveringPrefixes("todo/x/y")).containsExactly("todo/", "todo/x/");
    assertThat(ResourceNames.coveringPrefixes("todo/x/*")).containsExactly("todo/", "todo/x/");
    assertThat(ResourceNames.coveringPrefixes("todo/")).isEmpty();
  }

  /** The index's lookup (covering prefixes) finds exactly the patterns overlap says, for any name. */
  @Test
  void coveringPrefixesAgreeWithOverlapOnRandomNames() {
    Random random = new Random(16);
    String[] parts = {"a", "b", "ab", ""};
    for (int i = 0; i < 5000; i++) {
      String name = randomName(random, parts, false);
      String pattern = randomName(random, parts, true);
      boolean indexed = ResourceNames.coveringPrefixes(name).contains(ResourceNames.prefix(pattern));
      assertThat(indexed).as(name + " under " + pattern)
          .isEqualTo(ResourceNames.overlap(name, pattern));
    }
  }

  @Test
  void overlapAnyTestsEveryPair() {
    assertThat(ResourceNames.overlapAny(List.of("x", "todo/2"), List.of("todo/*"))).isTrue();
    assertThat(ResourceNames.overlapAny(List.of("x", "todos"), List.of("todo/*", "y"))).isFalse();
    assertThat(ResourceNames.overlapAny(List.of(), List.of("todo/*"))).isFalse();
  }

  private static String randomName(Random random, String[] parts, boolean pattern) {
    StringBuilder b = new StringBuilder(parts[random.nextInt(parts.length)]);
    int more = random.nextInt(3);
    for (int i = 0; i < more; i++) {
      b.append('/').append(parts[random.nextInt(parts.length)]);
    }
    if (pattern) {
      b.append("/*");
    } else if (b.toString().endsWith("/*")) {
      b.append('x');
    }
    return b.toString();
  }
}
