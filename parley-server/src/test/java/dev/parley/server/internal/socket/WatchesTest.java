package dev.parley.server.internal.socket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.internal.wire.ResourceNames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The index finds exactly the watchers a test of every pattern of every watcher would find. */
class WatchesTest {
  private static final Outbox.Meter NO_METER = new Outbox.Meter() {
    @Override
    public void added(int n, long queued) {}

    @Override
    public void removed(int n) {}
  };

  private final Watches index = new Watches();

  private Watcher watcher(String... names) {
    Watcher w = new Watcher(NO_METER, index, new AtomicLong());
    w.start(message -> true);
    assertThat(w.add(List.of(names), 100)).isTrue();
    return w;
  }

  @Test
  void findsExactNamesAndPatternsOnEitherSide() {
    Watcher todos = watcher("todos");
    Watcher anyTodo = watcher("todo/*");
    Watcher three = watcher("todo/3");
    Watcher other = watcher("users", "todo");

    assertThat(index.find(List.of("todos", "todo/3"), null)).isEqualTo(Map.of(
        todos, Set.of("todos"), anyTodo, Set.of("todo/3"), three, Set.of("todo/3")));
    assertThat(index.find(List.of("todo/*"), null)).isEqualTo(Map.of(
        anyTodo, Set.of("todo/*"), three, Set.of("todo/*")));
    assertThat(index.find(List.of("todo/x/y"), null)).isEqualTo(Map.of(
        anyTodo, Set.of("todo/x/y")));
    assertThat(index.find(List.of("todos/1", "tod"), null)).isEmpty();
    assertThat(other.watched()).containsExactlyInAnyOrder("users", "todo");
  }

  @Test
  void anUnwatchedOrClearedWatcherIsNoLongerFound() {
    Watcher a = watcher("todos", "todo/*");
    Watcher b = watcher("todos");
    a.remove(List.of("todos"));
    assertThat(index.find(List.of("todos"), null)).containsOnlyKeys(b);
    assertThat(index.find(List.of("todo/1"), null)).containsOnlyKeys(a);
    a.clear();
    assertThat(index.find(List.of("todo/1"), null)).isEmpty();
    assertThat(a.add(List.of("todos"), 100)).as("a cleared watcher refuses nothing").isTrue();
    assertThat(index.find(List.of("todos"), null)).containsOnlyKeys(b);
  }

  @Test
  void theCallerOfAMutationIsNotFound() {
    Object caller = new Object();
    Watcher mine = watcher("todos");
    mine.origin(caller);
    Watcher theirs = watcher("todos");
    assertThat(index.find(List.of("todos"), caller)).containsOnlyKeys(theirs);
  }

  @Test
  void refusesAWatchPastTheLimitAndAddsNothing() {
    Watcher w = watcher("a", "b");
    assertThat(w.add(List.of("b", "c"), 3)).isTrue();
    assertThat(w.add(List.of("d", "e"), 4)).isFalse();
    assertThat(w.watched()).containsExactlyInAnyOrder("a", "b", "c");
    assertThat(index.find(List.of("d"), null)).isEmpty();
  }

  @Test
  void agreesWithOverlapOnRandomWatchers() {
    Random random = new Random(7);
    String[] parts = {"todo", "todos", "x", "1", "2"};
    List<Watcher> watchers = new ArrayList<>();
    Map<Watcher, List<String>> names = new HashMap<>();
    for (int i = 0; i < 60; i++) {
      List<String> mine = new ArrayList<>();
      for (int n = random.nextInt(4); n >= 0; n--) {
        mine.add(name(random, parts));
      }
      Watcher w = watcher(mine.toArray(String[]::new));
      watchers.add(w);
      names.put(w, mine);
    }
    for (int round = 0; round < 500; round++) {
      List<String> changed = List.of(name(random, parts), name(random, parts));
      Map<Watcher, Set<String>> expected = new HashMap<>();
      for (Watcher w : watchers) {
        for (String c : changed) {
          if (names.get(w).stream().anyMatch(n -> ResourceNames.overlap(n, c))) {
            expected.computeIfAbsent(w, k -> new TreeSet<>()).add(c);
          }
        }
      }
      assertThat(index.find(changed, null)).as(changed.toString()).isEqualTo(expected);
    }
  }

  private static String name(Random random, String[] parts) {
    StringBuilder b = new StringBuilder(parts[random.nextInt(parts.length)]);
    for (int i = random.nextInt(3); i > 0; i--) {
      b.append('/').append(parts[random.nextInt(parts.length)]);
    }
    return random.nextInt(3) == 0 ? b + "/*" : b.toString();
  }
}
