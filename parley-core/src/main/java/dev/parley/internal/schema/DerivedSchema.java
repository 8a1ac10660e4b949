package dev.parley.internal.schema;

import dev.parley.Issue;
import dev.parley.Schema;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * A schema derived from a Java type: records (nested, recursive, generic when named with a {@code
 * TypeRef}), sealed interfaces of records (discriminated {@link Union unions}), enums, strings,
 * numbers, booleans, {@code java.time} values, UUIDs, lists, sets, maps from strings, and {@code
 * Optional}. Derived once per type and cached; immutable and
 * thread-safe.
 *
 * <p>{@link #validate} reports every issue at once: each record component that is not {@code
 * Optional} or {@code @Nullable} must be present ({@code is required}), so must list elements and
 * map values unless their type argument is {@code @Nullable}; Jakarta Validation constraints apply
 * wherever declared, on each record at its own path, so nested records need no {@code @Valid}.
 * A valid value costs no allocation unless a record declares a constraint that Parley does not
 * compile into its own checks, which leaves that record's constraints to Hibernate Validator.
 */
public final class DerivedSchema<T> implements Schema<T> {
  private static final ConcurrentHashMap<Type, DerivedSchema<?>> CACHE = new ConcurrentHashMap<>();
  private static final List<Issue> MISSING = List.of(new Issue("", Node.REQUIRED));

  private final Type type;
  private final Node plan;
  private final boolean acceptsNull;

  private DerivedSchema(Type type) {
    this.type = type;
    this.plan = Derivation.plan(type);
    this.acceptsNull = type == Void.class;
  }

  /**
   * The schema of {@code type}, derived once and cached.
   *
   * @throws IllegalArgumentException when {@code type}, or a type inside it, is not supported; the
   *     message names it and where it was found
   */
  @SuppressWarnings("unchecked")
  public static <T> Schema<T> of(Type type) {
    Objects.requireNonNull(type, "type");
    DerivedSchema<?> known = CACHE.get(type);
    if (known == null) {
      // derived outside the map's lock: derivation may be slow and must not deadlock on recursion
      DerivedSchema<?> derived = new DerivedSchema<>(type);
      known = CACHE.putIfAbsent(type, derived);
      if (known == null) {
        known = derived;
      }
    }
    return (Schema<T>) known;
  }

  /** {@code raw<args>} as a reflected type, equal to the JDK's own for the same type. */
  public static Type parameterized(Class<?> raw, Type... args) {
    Objects.requireNonNull(raw, "raw");
    return Types.parameterized(raw, args);
  }

  @Override
  public Type type() {
    return type;
  }

  /** The validation plan, which {@link TreeReader} also reads JSON by. */
  Node plan() {
    return plan;
  }

  @Override
  public List<Issue> validate(@Nullable T value) {
    if (value == null) {
      return acceptsNull ? List.of() : MISSING;
    }
    if (plan.valid(value)) {
      return List.of();
    }
    List<Issue> issues = new ArrayList<>();
    plan.collect(value, "", issues);
    return List.copyOf(new LinkedHashSet<>(issues));
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof DerivedSchema<?> d && d.type.equals(type);
  }

  @Override
  public int hashCode() {
    return type.hashCode();
  }

  @Override
  public String toString() {
    return "Schema.of(" + Types.simpleName(type) + ")";
  }
}
