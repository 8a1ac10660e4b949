package dev.parley.server;

import dev.parley.Role;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Which connections a server event goes to ({@link ParleyServer#emit}): one connection, every
 * connection of a principal, a room's members, every connection of a role, everyone, or those a
 * filter picks; {@link #and} narrows any of them by a filter. Whatever they name, an event only
 * reaches open connections whose role sees it: an event of role {@code R} never reaches a
 * connection of another role.
 *
 * <pre>{@code
 * server.emit(ANNOUNCED, Recipients.room(lobby).and(c -> c != sender), announcement);
 * server.emit(PRESENCE, Recipients.everyone().optional(), presence);
 * }</pre>
 *
 * <p>By default an event that reaches no connection is an error ({@code NOT_FOUND}); {@link
 * #optional()} makes "nobody" fine, as Devframe's {@code optional}. Immutable.
 *
 * <p><b>Several nodes.</b> On a server that shares a {@link Broker} with other nodes, recipients
 * named by what every node knows reach the matching connections of every node: {@link
 * #everyone()}, {@link #principal} (matched on the other nodes by its JSON form), {@link #room}
 * (by its name: each node's members of its room of that name) and {@link #role}. Those local by
 * nature reach this node's connections only: {@link #connection}, {@link #connections}, {@link
 * #filter}, and any recipients narrowed by {@link #and}. Since the other nodes' connections are
 * not counted, recipients that reach across nodes are never {@code NOT_FOUND} there.
 */
public final class Recipients {
  private final @Nullable Supplier<Collection<Connection<?>>> among;
  private final Predicate<Connection<?>> filter;
  private final boolean optional;
  private final String label;
  private final @Nullable String across;
  private final @Nullable Object named;

  private Recipients(@Nullable Supplier<Collection<Connection<?>>> among,
      Predicate<Connection<?>> filter, boolean optional, String label) {
    this(among, filter, optional, label, null, null);
  }

  private Recipients(@Nullable Supplier<Collection<Connection<?>>> among,
      Predicate<Connection<?>> filter, boolean optional, String label, @Nullable String across,
      @Nullable Object named) {
    this.among = among;
    this.filter = filter;
    this.optional = optional;
    this.label = label;
    this.across = across;
    this.named = named;
  }

  /** Every connection. */
  public static Recipients everyone() {
    return new Recipients(null, c -> true, false, "everyone", "everyone", null);
  }

  /** The one connection {@code connection}. */
  public static Recipients connection(Connection<?> connection) {
    Objects.requireNonNull(connection, "connection");
    return new Recipients(() -> List.of(connection), c -> true, false,
        "connection " + connection.id());
  }

  /** The connections of {@code connections}. */
  public static Recipients connections(Collection<? extends Connection<?>> connections) {
    List<Connection<?>> copy = List.copyOf(connections);
    return new Recipients(() -> copy, c -> true, false, copy.size() + " connections");
  }

  /** Every connection whose principal equals {@code principal}. */
  public static Recipients principal(Object principal) {
    Objects.requireNonNull(principal, "principal");
    return new Recipients(null, c -> principal.equals(c.identity().principal()), false,
        "principal " + principal, "principal", principal);
  }

  /** The members of {@code room} when the event is sent. */
  public static Recipients room(Room room) {
    Objects.requireNonNull(room, "room");
    return new Recipients(() -> List.copyOf(room.members()), c -> true, false,
        "room " + room.name(), "room", room.name());
  }

  /** Every connection whose role is {@code role} or extends it. */
  public static Recipients role(Role<?> role) {
    Objects.requireNonNull(role, "role");
    return new Recipients(null, c -> role.type().isAssignableFrom(c.role().type()), false,
        "role " + role.name(), "role", role);
  }

  /** Every connection {@code filter} accepts; it runs once per open connection. */
  public static Recipients filter(Predicate<? super Connection<?>> filter) {
    Objects.requireNonNull(filter, "filter");
    return new Recipients(null, filter::test, false, "a filter");
  }

  /** These recipients, but only those {@code filter} also accepts. */
  public Recipients and(Predicate<? super Connection<?>> filter) {
    Objects.requireNonNull(filter, "filter");
    return new Recipients(among, this.filter.and(filter::test), optional, label + " filtered");
  }

  /** These recipients, where reaching none is not an error. */
  public Recipients optional() {
    return new Recipients(among, filter, true, label, across, named);
  }

  /**
   * How these recipients are named on other nodes ({@code everyone}, {@code principal}, {@code
   * room}, {@code role}); null for those local by nature (connections, filters).
   */
  @Nullable String across() {
    return across;
  }

  /** The principal, room name or {@link Role} {@link #across} names; null for everyone. */
  @Nullable Object named() {
    return named;
  }

  /** Whether reaching no connection is fine ({@link #optional()}). */
  public boolean isOptional() {
    return optional;
  }

  /** The connections of {@code all} (every connection now) that these name, each once. */
  List<Connection<?>> select(Collection<Connection<?>> all) {
    Collection<Connection<?>> from = among == null ? all : among.get();
    List<Connection<?>> picked = new ArrayList<>(from.size());
    Set<Connection<?>> seen = from instanceof Set<?> ? null : new java.util.HashSet<>();
    for (Connection<?> c : from) {
      if (c.isOpen() && filter.test(c) && (seen == null || seen.add(c))) {
        picked.add(c);
      }
    }
    return picked;
  }

  @Override
  public String toString() {
    return "Recipients[" + label + (optional ? ", optional" : "") + "]";
  }
}
