package dev.parley.server.internal.socket;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The invalidation log: numbered, bounded, and conservative when it cannot tell. */
class InvalidationLogTest {
  @Test
  void numbersFromOneAndTellsTheOverlappingNamesAfterSince() {
    InvalidationLog log = new InvalidationLog(3);
    assertThat(log.current()).isZero();
    assertThat(log.after(0, List.of("todos"))).isEmpty();
    log.append(List.of("todos", "todo/1")); // 1
    log.append(List.of("users"));           // 2
    assertThat(log.append(List.of("todo/*"))).isEqualTo(3);
    assertThat(log.after(0, List.of("todo/7"))).containsExactly("todo/*");
    assertThat(log.after(0, List.of("todo/*"))).containsExactly("todo/*", "todo/1");
    assertThat(log.after(1, List.of("todos", "users"))).containsExactly("users");
    assertThat(log.after(3, List.of("todos", "users"))).isEmpty();
  }

  @Test
  void cannotTellOnceItNoLongerReachesBackOrWhenSinceIsAhead() {
    InvalidationLog log = new InvalidationLog(3);
    for (int i = 1; i <= 5; i++) {
      log.append(List.of("n/" + i)); // keeps 3, 4 and 5
    }
    assertThat(log.after(2, List.of("n/*"))).containsExactly("n/3", "n/4", "n/5");
    assertThat(log.after(1, List.of("n/*"))).as("2 is gone").isNull();
    assertThat(log.after(6, List.of("n/*"))).as("ahead").isNull();
  }
}
