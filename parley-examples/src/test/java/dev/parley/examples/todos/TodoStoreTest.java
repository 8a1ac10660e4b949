package dev.parley.examples.todos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class TodoStoreTest {

  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-02T03:04:05.678901Z"), ZoneOffset.UTC);

  @Test
  void addsWithIncreasingIdsAndListsOldestFirst() {
    TodoStore store = new TodoStore(10, CLOCK);
    Todo milk = store.add("milk");
    Todo eggs = store.add("eggs");

    assertThat(milk).isEqualTo(new Todo("1", "milk", Instant.parse("2026-01-02T03:04:05.678Z")));
    assertThat(eggs.id()).isEqualTo("2");
    assertThat(store.all()).containsExactly(milk, eggs);
  }

  @Test
  void removesByIdAndNeverReusesAnId() {
    TodoStore store = new TodoStore(10, CLOCK);
    Todo milk = store.add("milk");

    assertThat(store.remove("1")).contains(milk);
    assertThat(store.remove("1")).isEmpty();
    assertThat(store.remove("nope")).isEmpty();
    assertThat(store.add("eggs").id()).isEqualTo("2");
    assertThat(store.all()).extracting(Todo::text).containsExactly("eggs");
  }

  @Test
  void refusesToGrowPastItsCapacity() {
    TodoStore store = new TodoStore(2, CLOCK);
    store.add("a");
    store.add("b");

    assertThatThrownBy(() -> store.add("c"))
        .isInstanceOf(TodoStore.StoreFullException.class)
        .hasMessageContaining("2 todos");
    store.remove("1");
    assertThat(store.add("c").id()).isEqualTo("3");
  }

  @Test
  void rejectsANonPositiveCapacity() {
    assertThatThrownBy(() -> new TodoStore(0, CLOCK))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("capacity: 0 (expected: > 0)");
  }

  @Test
  void concurrentAddsGetDistinctIds() throws Exception {
    TodoStore store = new TodoStore(10_000, CLOCK);
    List<Future<Todo>> added = new ArrayList<>();
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 1_000; i++) {
        String text = "t" + i;
        added.add(pool.submit(() -> store.add(text)));
      }
    }
    Set<String> ids = ConcurrentHashMap.newKeySet();
    for (Future<Todo> f : added) {
      ids.add(f.get().id());
    }
    assertThat(ids).hasSize(1_000);
    assertThat(store.all()).hasSize(1_000);
  }

  @Test
  void listIsASnapshot() {
    TodoStore store = new TodoStore(10, CLOCK);
    List<Todo> before = store.all();
    store.add("milk");
    assertThat(before).isEmpty();
  }
}
