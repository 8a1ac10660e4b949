package dev.parley;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The immutable list of descriptors that a server implements and its clients call.
 *
 * <p>A contract is built once, usually as a constant beside its descriptors, and rejects at build
 * time anything a transport could not route: two descriptors with the same name. Names are routed
 * whole, so a name may also be the prefix of others ({@code slow} beside {@code slow.active}), as
 * tRPC allows a flat name holding a dot beside a procedure named by its prefix.
 *
 * <pre>{@code
 * public static final Contract CONTRACT = Contract.of(LIST, ADD, DELETE);
 * }</pre>
 *
 * <p>Each descriptor names its {@link Role}: the contract's shared surface is its {@link
 * Role#SHARED shared} descriptors, and each role's surface adds that role's own ({@link
 * #surface(Role)}). A role has one name and one type throughout a contract. {@link PeerMessage}s
 * (node to node) are part of the contract, so that every node agrees on them, but on no surface.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Contract {
  private final List<Descriptor<?>> descriptors;
  private final Map<String, Descriptor<?>> byName;
  private final Map<String, Role<?>> roles;

  private Contract(List<Descriptor<?>> descriptors) {
    Map<String, Descriptor<?>> names = new LinkedHashMap<>();
    for (Descriptor<?> d : descriptors) {
      Objects.requireNonNull(d, "descriptor");
      Descriptor<?> previous = names.putIfAbsent(d.name(), d);
      if (previous != null) {
        throw new IllegalArgumentException(
            "contract: duplicate descriptor name \"" + d.name() + "\" (" + previous + " and " + d + ")");
      }
    }
    this.descriptors = List.copyOf(descriptors);
    this.byName = Collections.unmodifiableMap(names);
    this.roles = roles(descriptors);
  }

  private static Map<String, Role<?>> roles(List<Descriptor<?>> descriptors) {
    Map<String, Role<?>> byRoleName = new LinkedHashMap<>();
    Map<Class<?>, Role<?>> byType = new LinkedHashMap<>();
    for (Descriptor<?> d : descriptors) {
      Role<?> role = d.role();
      if (role == Role.SHARED) {
        continue;
      }
      Role<?> named = byRoleName.putIfAbsent(role.name(), role);
      Role<?> typed = byType.putIfAbsent(role.type(), role);
      if ((named != null && !named.equals(role)) || (typed != null && !typed.equals(role))) {
        Role<?> other = named != null && !named.equals(role) ? named : typed;
        throw new IllegalArgumentException("contract: role " + role.name() + " ("
            + role.type().getName() + ") of " + d + " clashes with role " + other.name() + " ("
            + other.type().getName() + "): a role has one name and one type");
      }
    }
    return Collections.unmodifiableMap(byRoleName);
  }

  /**
   * A contract of the given descriptors, in this order.
   *
   * @throws IllegalArgumentException if two descriptors share a name, or two roles share a name
   *     or a type
   */
  public static Contract of(Descriptor<?>... descriptors) {
    return new Contract(List.of(descriptors));
  }

  /**
   * A contract of the given descriptors, in their iteration order.
   *
   * @throws IllegalArgumentException as {@link #of(Descriptor[])}
   */
  public static Contract of(Collection<? extends Descriptor<?>> descriptors) {
    return new Contract(new ArrayList<>(descriptors));
  }

  /**
   * A contract holding this one's descriptors followed by {@code more}.
   *
   * @throws IllegalArgumentException as {@link #of(Descriptor[])}
   */
  public Contract with(Descriptor<?>... more) {
    List<Descriptor<?>> all = new ArrayList<>(descriptors);
    all.addAll(List.of(more));
    return new Contract(all);
  }

  /** Every descriptor, in declaration order. */
  public List<Descriptor<?>> descriptors() {
    return descriptors;
  }

  /** The roles its descriptors are declared for, in order of first use; never {@link Role#SHARED}. */
  public Collection<Role<?>> roles() {
    return roles.values();
  }

  /** The role with this name ({@code agent}), or {@link Role#SHARED} for {@code shared}. */
  public Optional<Role<?>> role(String name) {
    return name.equals(Role.SHARED.name()) ? Optional.of(Role.SHARED)
        : Optional.ofNullable(roles.get(name));
  }

  /**
   * The descriptors a caller of {@code role} sees, in declaration order: the shared ones, those of
   * {@code role} and those of the roles it extends; never a {@link PeerMessage}. What
   * introspection lists for that caller.
   */
  public List<Descriptor<?>> surface(Role<?> role) {
    Objects.requireNonNull(role, "role");
    List<Descriptor<?>> seen = new ArrayList<>();
    for (Descriptor<?> d : descriptors) {
      if (role.sees(d)) {
        seen.add(d);
      }
    }
    return List.copyOf(seen);
  }

  /** The descriptor with this name, if the contract has one. */
  public Optional<Descriptor<?>> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** Whether this very descriptor (same name, kind and schemas) is part of the contract. */
  public boolean contains(Descriptor<?> descriptor) {
    return descriptor.equals(byName.get(descriptor.name()));
  }

  @Override
  public String toString() {
    return "Contract" + byName.keySet();
  }
}
