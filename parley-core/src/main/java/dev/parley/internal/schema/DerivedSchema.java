package dev.parley.internal.schema;

import dev.parley.Issue;
import dev.parley.Schema;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * A schema derived from a Java type. PLACEHOLDER WALK: the full walker (required components,
 * collections, maps, nested records, Jakarta constraints) lands with the schema work.
 */
public final class DerivedSchema<T> implements Schema<T> {
  private static final ConcurrentHashMap<Type, DerivedSchema<?>> CACHE = new ConcurrentHashMap<>();

  private final Type type;

  private DerivedSchema(Type type) {
    this.type = type;
  }

  /** The schema of {@code type}, derived once and cached. */
  @SuppressWarnings("unchecked")
  public static <T> Schema<T> of(Type type) {
    Objects.requireNonNull(type, "type");
    return (Schema<T>) CACHE.computeIfAbsent(type, DerivedSchema::new);
  }

  /** {@code raw<args>} as a reflected type. */
  public static Type parameterized(Class<?> raw, Type... args) {
    return new Parameterized(raw, args.clone());
  }

  @Override
  public Type type() {
    return type;
  }

  @Override
  public List<Issue> validate(@Nullable T value) {
    List<Issue> issues = new ArrayList<>();
    if (value == null) {
      issues.add(new Issue("", "is required"));
    }
    return issues;
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
    return "Schema.of(" + type.getTypeName() + ")";
  }

  private record Parameterized(Class<?> raw, Type[] args) implements ParameterizedType {
    @Override
    public Type[] getActualTypeArguments() {
      return args.clone();
    }

    @Override
    public Type getRawType() {
      return raw;
    }

    @Override
    public @Nullable Type getOwnerType() {
      return null;
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof ParameterizedType p
          && p.getRawType().equals(raw)
          && p.getOwnerType() == null
          && Arrays.equals(p.getActualTypeArguments(), args);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(args) ^ raw.hashCode();
    }

    @Override
    public String getTypeName() {
      StringBuilder b = new StringBuilder(raw.getName()).append('<');
      for (int i = 0; i < args.length; i++) {
        b.append(i == 0 ? "" : ", ").append(args[i].getTypeName());
      }
      return b.append('>').toString();
    }
  }
}
