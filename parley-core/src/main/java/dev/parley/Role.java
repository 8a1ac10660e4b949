package dev.parley;

import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A role of a contract: a name for the wire, the authenticator and tooling, and a type for the
 * compiler. A caller of role {@code R} sees the shared surface and the descriptors of {@code R}
 * (and of the roles {@code R} extends), nothing else.
 *
 * <pre>{@code
 * public interface Agent extends Shared {}
 * public static final Role<Agent> AGENT = Role.of("agent", Agent.class);
 * public static final Mutation<Agent, Announcement, Void> ANNOUNCE =
 *     Parley.mutation("announce").role(AGENT).input(Announcement.class);
 * }</pre>
 *
 * <p>The boundary holds twice. At compile time every API that takes a descriptor for a caller of
 * role {@code R} types it {@code ? super R}, so naming another role's descriptor does not compile
 * ({@link #require} is that check on its own). At run time the server answers a call outside the
 * caller's surface {@code NOT_FOUND}, as for a name that does not exist, before reading its input.
 *
 * <p>A role may extend another ({@code interface Admin extends User}): an admin then sees the
 * user's descriptors too, at compile time and at run time alike. Instances are immutable.
 *
 * @param <R> the role's type, an interface that extends {@link Shared}
 */
public final class Role<R extends Shared> {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,63}");

  /** The shared surface's role, named {@code shared}: what every caller, even anonymous, sees. */
  public static final Role<Shared> SHARED = new Role<>("shared", Shared.class);

  private final String name;
  private final Class<R> type;

  private Role(String name, Class<R> type) {
    this.name = name;
    this.type = type;
  }

  /**
   * The role named {@code name} whose type is {@code type}.
   *
   * @param name lower-case letters, digits, {@code _} and {@code -}, starting with a letter, at most
   *     64 characters, e.g. {@code agent}; not {@code shared}
   * @param type an interface that extends {@link Shared}, e.g. {@code Agent.class}
   * @throws IllegalArgumentException when the name or the type does not fit
   */
  public static <R extends Shared> Role<R> of(String name, Class<R> type) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    if (!NAME.matcher(name).matches() || name.equals(SHARED.name)) {
      throw new IllegalArgumentException("role name: \"" + name + "\" (expected: lower-case"
          + " letters, digits, _ and -, starting with a letter, at most 64, not \"shared\")");
    }
    if (!type.isInterface() || type == Shared.class) {
      throw new IllegalArgumentException("role " + name + ": " + type.getName()
          + " (expected: an interface that extends dev.parley.Shared)");
    }
    return new Role<>(name, type);
  }

  /** The role's name, e.g. {@code agent}. */
  public String name() {
    return name;
  }

  /** The role's type, e.g. {@code Agent.class}. */
  public Class<R> type() {
    return type;
  }

  /**
   * Whether a caller of this role may use {@code descriptor}: it is shared, of this role, or of a
   * role this one extends, and it is not a {@link PeerMessage} (node to node: no caller sees it).
   */
  public boolean sees(Descriptor<?> descriptor) {
    return descriptor.kind().direction() != Kind.Direction.SERVER_TO_SERVER
        && descriptor.role().type.isAssignableFrom(type);
  }

  /**
   * Returns {@code descriptor}, which must be on this role's surface: the compiler refuses another
   * role's descriptor, and this method refuses one that reached it through an unchecked cast.
   *
   * @throws IllegalArgumentException when this role does not {@link #sees see} it
   */
  public <D extends Descriptor<? super R>> D require(D descriptor) {
    if (!sees(Objects.requireNonNull(descriptor, "descriptor"))) {
      throw new IllegalArgumentException(
          descriptor + " is for role " + descriptor.role().name + ", not for " + name);
    }
    return descriptor;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Role<?> r && r.name.equals(name) && r.type == type;
  }

  @Override
  public int hashCode() {
    return name.hashCode() * 31 + type.hashCode();
  }

  @Override
  public String toString() {
    return "Role[" + name + "]";
  }
}
