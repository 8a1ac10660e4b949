package dev.parley.internal.schema;

import dev.parley.Issue;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The compiled constraints of one record component. Like Hibernate Validator, it reads the
 * component's field, not its accessor; a primitive is read as a primitive, so that checking it
 * boxes nothing.
 */
sealed interface ComponentRules {

  /** The primitive types read as {@code long}. */
  Set<Class<?>> INTEGRAL_PRIMITIVES = Set.of(byte.class, short.class, int.class, long.class);

  /** Whether this component of {@code record} satisfies its constraints. */
  boolean valid(Object record);

  /** Adds the issues of this component of {@code record}, which is at {@code path}. */
  void collect(Object record, String path, List<Issue> issues);

  /** The name of the component. */
  String name();

  /**
   * Adds the issues of {@code value}, this component's value (boxed when primitive), as {@link
   * #collect} does for a record at {@code path}: for a component read without its record.
   */
  void collectValue(@Nullable Object value, String path, List<Issue> issues);

  /** The rules on the component's elements, if it has any. */
  default @Nullable ElementRules elements() {
    return null;
  }

  /**
   * The check of {@code field} with {@code rules} on its value and {@code elements} on its type
   * argument, or {@code null} when Parley may not read the field, or when a primitive field has a
   * rule that cannot be checked without boxing. On a primitive, {@code @NotNull} always holds and
   * is left out.
   */
  static @Nullable ComponentRules of(Field field, List<Rule> rules, @Nullable ElementRules elements) {
    Class<?> type = field.getType();
    String name = field.getName();
    if (!type.isPrimitive()) {
      MethodHandle reader = reader(field, Object.class);
      return reader == null ? null : new OfReference(name, reader, rules, elements);
    }
    List<Rule> effective = new ArrayList<>(rules);
    effective.removeIf(Rule.NotNull.class::isInstance);
    if (type == boolean.class && effective.stream().allMatch(Rule.Truth.class::isInstance)) {
      MethodHandle reader = reader(field, boolean.class);
      return reader == null ? null : new OfBoolean(name, reader, effective);
    }
    if (INTEGRAL_PRIMITIVES.contains(type)
        && effective.stream().allMatch(Rule.IntegralBound.class::isInstance)) {
      MethodHandle reader = reader(field, long.class);
      return reader == null ? null : new OfIntegral(name, reader, effective);
    }
    return null;
  }

  /** {@code field}'s value as a {@code (Object) -> as} handle, or {@code null} if not readable. */
  private static @Nullable MethodHandle reader(Field field, Class<?> as) {
    try {
      field.setAccessible(true);
      return MethodHandles.lookup().unreflectGetter(field)
          .asType(MethodType.methodType(as, Object.class));
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null; // Hibernate Validator's to read, or to fail on, as before
    }
  }

  private static RuntimeException rethrow(Throwable t) {
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    throw new UndeclaredThrowableException(t);
  }

  /** A component of a reference type: its rules, then the rules of its elements. */
  final class OfReference implements ComponentRules {
    private final String name;
    private final MethodHandle reader;
    private final Rule[] rules;
    private final @Nullable ElementRules elements;

    OfReference(String name, MethodHandle reader, List<Rule> rules,
        @Nullable ElementRules elements) {
      this.name = name;
      this.reader = reader;
      this.rules = rules.toArray(Rule[]::new);
      this.elements = elements;
    }

    @Override
    public boolean valid(Object record) {
      Object value = read(record);
      for (Rule r : rules) {
        if (!r.test(value)) {
          return false;
        }
      }
      return value == null || elements == null || elements.valid(value);
    }

    @Override
    public void collect(Object record, String path, List<Issue> issues) {
      collectValue(read(record), path, issues);
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public void collectValue(@Nullable Object value, String path, List<Issue> issues) {
      String at = Paths.property(path, name);
      for (Rule r : rules) {
        if (!r.test(value)) {
          issues.add(new Issue(at, r.message()));
        }
      }
      if (value != null && elements != null) {
        elements.collect(value, at, issues);
      }
    }

    @Override
    public @Nullable ElementRules elements() {
      return elements;
    }

    private @Nullable Object read(Object record) {
      try {
        return (Object) reader.invokeExact(record);
      } catch (Throwable t) {
        throw rethrow(t);
      }
    }

    @Override
    public String toString() {
      return name + Arrays.toString(rules) + (elements == null ? "" : elements.toString());
    }
  }

  /** A {@code byte}, {@code short}, {@code int} or {@code long} component and its bounds. */
  final class OfIntegral implements ComponentRules {
    private final String name;
    private final MethodHandle reader;
    private final Rule.IntegralBound[] bounds;

    OfIntegral(String name, MethodHandle reader, List<Rule> bounds) {
      this.name = name;
      this.reader = reader;
      this.bounds = bounds.toArray(Rule.IntegralBound[]::new);
    }

    @Override
    public boolean valid(Object record) {
      long value = read(record);
      for (Rule.IntegralBound b : bounds) {
        if (!b.holds(value)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public void collect(Object record, String path, List<Issue> issues) {
      collect(read(record), path, issues);
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public void collectValue(@Nullable Object value, String path, List<Issue> issues) {
      if (value != null) {
        collect(((Number) value).longValue(), path, issues);
      }
    }

    private void collect(long value, String path, List<Issue> issues) {
      for (Rule.IntegralBound b : bounds) {
        if (!b.holds(value)) {
          issues.add(new Issue(Paths.property(path, name), b.message()));
        }
      }
    }

    private long read(Object record) {
      try {
        return (long) reader.invokeExact(record);
      } catch (Throwable t) {
        throw rethrow(t);
      }
    }

    @Override
    public String toString() {
      return name + Arrays.toString(bounds);
    }
  }

  /** A {@code boolean} component and its {@code @AssertTrue} or {@code @AssertFalse}. */
  final class OfBoolean implements ComponentRules {
    private final String name;
    private final MethodHandle reader;
    private final Rule.Truth[] truths;

    OfBoolean(String name, MethodHandle reader, List<Rule> truths) {
      this.name = name;
      this.reader = reader;
      this.truths = truths.toArray(Rule.Truth[]::new);
    }

    @Override
    public boolean valid(Object record) {
      boolean value = read(record);
      for (Rule.Truth t : truths) {
        if (!t.holds(value)) {
          return false;
        }
      }
      return true;
    }

    @Override
    public void collect(Object record, String path, List<Issue> issues) {
      collect(read(record), path, issues);
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public void collectValue(@Nullable Object value, String path, List<Issue> issues) {
      if (value != null) {
        collect((boolean) (Boolean) value, path, issues);
      }
    }

    private void collect(boolean value, String path, List<Issue> issues) {
      for (Rule.Truth t : truths) {
        if (!t.holds(value)) {
          issues.add(new Issue(Paths.property(path, name), t.message()));
        }
      }
    }

    private boolean read(Object record) {
      try {
        return (boolean) reader.invokeExact(record);
      } catch (Throwable t) {
        throw rethrow(t);
      }
    }

    @Override
    public String toString() {
      return name + Arrays.toString(truths);
    }
  }
}
