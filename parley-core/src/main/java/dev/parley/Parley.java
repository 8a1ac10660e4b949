package dev.parley;

/**
 * Where descriptors start. Each factory returns a descriptor of one {@link Kind} with no schemas,
 * for the {@link Role#SHARED shared} surface; refine it with its copy methods, {@code role(…)}
 * among them:
 *
 * <pre>{@code
 * Query<Shared, Void, List<Todo>> list = Parley.query("todos.list").output(Schema.listOf(Todo.class));
 * Mutation<Shared, NewTodo, Todo> add = Parley.mutation("todos.add").input(NewTodo.class).output(Todo.class);
 * }</pre>
 */
public final class Parley {
  private Parley() {}

  /**
   * A query named {@code name}, taking and returning nothing until refined.
   *
   * @throws IllegalArgumentException if the name is not dotted segments of letters, digits and
   *     {@code _}
   */
  public static Query<Shared, Void, Void> query(String name) {
    return new Query<>(Shape.named(name));
  }

  /**
   * A mutation named {@code name}, taking and returning nothing until refined.
   *
   * @throws IllegalArgumentException if the name is not dotted segments of letters, digits and
   *     {@code _}
   */
  public static Mutation<Shared, Void, Void> mutation(String name) {
    return new Mutation<>(Shape.named(name));
  }

  /**
   * A subscription named {@code name}, of the shared surface, with no schemas until refined.
   *
   * @throws IllegalArgumentException if the name is not dotted segments of letters, digits and
   *     {@code _}
   */
  public static Subscription<Shared, Void, Void> subscription(String name) {
    return new Subscription<>(Shape.named(name));
  }

  /**
   * A server event named {@code name}, of the shared surface, with no schemas until refined.
   *
   * @throws IllegalArgumentException if the name is not dotted segments of letters, digits and
   *     {@code _}
   */
  public static Event<Shared, Void> event(String name) {
    return new Event<>(Shape.named(name));
  }

  /**
   * A client event named {@code name}, of the shared surface, with no payload until refined.
   *
   * @throws IllegalArgumentException if the name is not dotted segments of letters, digits and
   *     {@code _}
   */
  public static ClientEvent<Shared, Void> clientEvent(String name) {
    return new ClientEvent<>(Shape.named(name));
  }

  /**
   * A topic named {@code name}, of the shared surface, with no schemas until refined.
   *
   * @throws IllegalArgumentException if the name is not dotted segments of letters, digits and
   *     {@code _}
   */
  public static Topic<Shared, Void, Void> topic(String name) {
    return new Topic<>(Shape.named(name));
  }

  /**
   * A client procedure named {@code name}, of the shared surface, with no schemas until refined.
   *
   * @throws IllegalArgumentException if the name is not dotted segments of letters, digits and
   *     {@code _}
   */
  public static ClientProcedure<Shared, Void, Void> clientProcedure(String name) {
    return new ClientProcedure<>(Shape.named(name));
  }

  /**
   * A shared state named {@code name}, of the shared surface, server-written, with no schema
   * until refined ({@code .value(Counter.class)}).
   *
   * @throws IllegalArgumentException if the name is not dotted segments of letters, digits and
   *     {@code _}
   */
  public static State<Shared, Void> state(String name) {
    return new State<>(Shape.named(name), false);
  }

  /**
   * A channel named {@code name}, of the shared surface, with no parameters, connect request,
   * answer or messages until refined.
   *
   * @throws IllegalArgumentException if the name is not dotted segments of letters, digits and
   *     {@code _}
   */
  public static Channel<Shared, Void, Void, Void, Void, Void> channel(String name) {
    return new Channel<>(Shape.named(name), Schema.none(), Schema.none(), Schema.none());
  }

  /**
   * A peer message named {@code name}: from one server node to the others, never seen by clients;
   * with no payload until refined ({@code .payload(Evict.class)}).
   *
   * @throws IllegalArgumentException if the name is not dotted segments of letters, digits and
   *     {@code _}
   */
  public static PeerMessage<Void> peerMessage(String name) {
    return new PeerMessage<>(Shape.named(name));
  }
}
