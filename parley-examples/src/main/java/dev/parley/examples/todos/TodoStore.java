package dev.parley.examples.todos;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The demo's in-memory todos, oldest first. Ids are decimal strings counted from {@code "1"} and
 * never reused while the store lives.
 *
 * <p>Thread-safe: every method is atomic. The store is bounded by its capacity so that a public
 * demo cannot be made to eat the heap.
 */
public final class TodoStore {

  /** The default capacity: {@value} todos. */
  public static final int DEFAULT_CAPACITY = 1_000;

  private final int capacity;
  private final Clock clock;
  private final Map<String, Todo> todos = new LinkedHashMap<>();
  private long lastId;

  /** An empty store of {@link #DEFAULT_CAPACITY} todos, stamped by the system clock. */
  public TodoStore() {
    this(DEFAULT_CAPACITY, Clock.systemUTC());
  }

  /**
   * An empty store.
   *
   * @param capacity how many todos it holds at most; must be positive
   * @param clock what {@link Todo#createdAt()} is read from
   */
  public TodoStore(int capacity, Clock clock) {
    if (capacity <= 0) {
      throw new IllegalArgumentException("capacity: " + capacity + " (expected: > 0)");
    }
    this.capacity = capacity;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** Every todo, oldest first; a snapshot that later changes do not affect. */
  public synchronized List<Todo> all() {
    return List.copyOf(todos.values());
  }

  /**
   * Adds a todo with the next id.
   *
   * @return the new todo
   * @throws StoreFullException when the store already holds its capacity
   */
  public synchronized Todo add(String text) {
    Objects.requireNonNull(text, "text");
    if (todos.size() >= capacity) {
      throw new StoreFullException(capacity);
    }
    Todo todo = new Todo(Long.toString(++lastId), text, Instant.now(clock).truncatedTo(ChronoUnit.MILLIS));
    todos.put(todo.id(), todo);
    return todo;
  }

  /** The todo with this id; empty when there is none. */
  public synchronized Optional<Todo> find(String id) {
    return Optional.ofNullable(todos.get(Objects.requireNonNull(id, "id")));
  }

  /** Removes the todo with this id, and returns it; empty when there is none. */
  public synchronized Optional<Todo> remove(String id) {
    return Optional.ofNullable(todos.remove(Objects.requireNonNull(id, "id")));
  }

  /** Thrown by {@link #add(String)} when the store is full. */
  public static final class StoreFullException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StoreFullException(int capacity) {
      super("the store is full (" + capacity + " todos)");
    }
  }
}
