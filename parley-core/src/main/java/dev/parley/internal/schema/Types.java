package dev.parley.internal.schema;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.Arrays;
import java.util.Map;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/** Small tools for reflected types: building, resolving type variables, naming. */
final class Types {
  private Types() {}

  /** {@code raw<args>} as a reflected type, equal to the JDK's own for the same type. */
  static ParameterizedType parameterized(Class<?> raw, Type... args) {
    return new Parameterized(raw, args.clone());
  }

  /** The class of {@code type}, or {@code null} for a variable, wildcard or generic array. */
  static @Nullable Class<?> raw(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    return type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : null;
  }

  /**
   * {@code type} with the variables in {@code bindings} replaced, and wildcards replaced by their
   * upper bound ({@code ? extends Todo} reads as {@code Todo}). Unbound variables stay.
   */
  static Type resolve(Type type, Map<TypeVariable<?>, Type> bindings) {
    if (type instanceof TypeVariable<?> v) {
      return bindings.getOrDefault(v, v);
    }
    if (type instanceof WildcardType w) {
      return w.getLowerBounds().length == 0 ? resolve(w.getUpperBounds()[0], bindings) : w;
    }
    if (type instanceof ParameterizedType p) {
      Type[] args = p.getActualTypeArguments();
      Type[] resolved = new Type[args.length];
      for (int i = 0; i < args.length; i++) {
        resolved[i] = resolve(args[i], bindings);
      }
      return Arrays.equals(args, resolved) ? p : parameterized((Class<?>) p.getRawType(), resolved);
    }
    return type;
  }

  /** A short name for messages: {@code Map<String, Todo>}, {@code Object}. */
  static String simpleName(Type type) {
    if (type instanceof Class<?> c) {
      return c.isArray() ? simpleName(c.getComponentType()) + "[]" : nestedName(c);
    }
    if (type instanceof ParameterizedType p) {
      StringJoiner args = new StringJoiner(", ", "<", ">");
      for (Type a : p.getActualTypeArguments()) {
        args.add(simpleName(a));
      }
      return simpleName(p.getRawType()) + args;
    }
    if (type instanceof GenericArrayType g) {
      return simpleName(g.getGenericComponentType()) + "[]";
    }
    return type.getTypeName();
  }

  private static String nestedName(Class<?> c) {
    String name = c.getSimpleName();
    return name.isEmpty() ? c.getName() : name;
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
      return raw.getDeclaringClass();
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof ParameterizedType p
          && p.getRawType().equals(raw)
          && java.util.Objects.equals(p.getOwnerType(), getOwnerType())
          && Arrays.equals(p.getActualTypeArguments(), args);
    }

    @Override
    public int hashCode() {
      // the JDK's formula, so that equal types from either source share a cache entry
      return Arrays.hashCode(args) ^ java.util.Objects.hashCode(getOwnerType()) ^ raw.hashCode();
    }

    @Override
    public String toString() {
      return getTypeName();
    }

    @Override
    public String getTypeName() {
      StringJoiner b = new StringJoiner(", ", raw.getName() + "<", ">");
      for (Type a : args) {
        b.add(a.getTypeName());
      }
      return b.toString();
    }
  }
}
