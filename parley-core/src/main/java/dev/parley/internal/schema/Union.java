package dev.parley.internal.schema;

import dev.parley.Variant;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.jspecify.annotations.Nullable;

/**
 * A discriminated union: a sealed interface whose permitted subtypes are records, or sealed
 * interfaces whose own variants join it. Each variant record is named on the wire by its simple
 * name or its {@link Variant @Variant} value, in the {@link #DISCRIMINATOR} property. Analysed once
 * per interface and shared by the schemas and the JSON codec; immutable.
 */
public final class Union {
  /** The JSON property that names the variant of a value. */
  public static final String DISCRIMINATOR = "type";

  /** The most characters of an unknown variant name that an issue repeats. */
  private static final int MAX_ECHOED_CHARS = 64;

  private static final ClassValue<Object> ANALYSES = new ClassValue<>() {
    @Override
    protected Object computeValue(Class<?> type) {
      try {
        return new Union(type);
      } catch (IllegalArgumentException refused) {
        return refused.getMessage(); // kept, so that a refused union is not analysed again
      }
    }
  };

  /**
   * One variant of a union.
   *
   * @param record the variant's record class
   * @param name its name on the wire, in the {@value #DISCRIMINATOR} property
   */
  public record Case(Class<?> record, String name) {}

  private final Class<?> type;
  private final List<Case> cases;
  private final String names;

  private Union(Class<?> type) {
    this.type = type;
    Map<String, Class<?>> byName = new LinkedHashMap<>();
    collect(type, byName);
    List<Case> found = new ArrayList<>(byName.size());
    StringJoiner quoted = new StringJoiner(", ");
    byName.forEach((name, record) -> {
      found.add(new Case(record, name));
      quoted.add(quote(name));
    });
    this.cases = List.copyOf(found);
    this.names = quoted.toString();
  }

  /** Whether {@code type} is a sealed interface, which Parley reads as a union. */
  public static boolean isUnion(Class<?> type) {
    return type.isInterface() && type.isSealed();
  }

  /** Whether {@code type} is a record that implements a sealed interface: a variant of a union. */
  public static boolean isVariant(Class<?> type) {
    return type.isRecord() && parent(type) != null;
  }

  /**
   * The union of the sealed interface {@code type}, analysed once.
   *
   * @throws IllegalArgumentException when {@code type} is not a union of records, or two of its
   *     variants share a name, or a variant is refused by {@link #nameOf}; the message names them
   */
  public static Union of(Class<?> type) {
    if (!isUnion(type)) {
      throw new IllegalArgumentException(Types.simpleName(type) + " is not a sealed interface");
    }
    Object analysis = ANALYSES.get(type);
    if (analysis instanceof Union union) {
      return union;
    }
    throw new IllegalArgumentException((String) analysis);
  }

  /**
   * The wire name of the variant record {@code record}: its {@link Variant @Variant} value, else
   * its simple name.
   *
   * @throws IllegalArgumentException when the name is blank, or the record has a component named
   *     {@value #DISCRIMINATOR}, which would clash with the discriminator
   */
  public static String nameOf(Class<?> record) {
    Class<?> parent = parent(record);
    return name(record, parent != null ? parent : record);
  }

  /** The sealed interface. */
  public Class<?> type() {
    return type;
  }

  /** The variants, records only (nested unions flattened), in the order they are permitted. */
  public List<Case> cases() {
    return cases;
  }

  /** The variants' names, quoted and joined for messages: {@code "Circle", "Square"}. */
  public String names() {
    return names;
  }

  private void collect(Class<?> sealed, Map<String, Class<?>> byName) {
    for (Class<?> permitted : sealed.getPermittedSubclasses()) {
      if (isUnion(permitted)) {
        collect(permitted, byName);
      } else if (!permitted.isRecord()) {
        throw new IllegalArgumentException("unsupported variant " + Types.simpleName(permitted)
            + " of " + Types.simpleName(sealed) + ": " + kind(permitted)
            + " (expected a record or a sealed interface)");
      } else if (!byName.containsValue(permitted)) { // a record may be reached twice
        String name = name(permitted, sealed);
        Class<?> other = byName.putIfAbsent(name, permitted);
        if (other != null) {
          throw new IllegalArgumentException("variants " + Types.simpleName(other) + " and "
              + Types.simpleName(permitted) + " of " + Types.simpleName(type)
              + " are both named " + quote(name));
        }
      }
    }
  }

  private static String name(Class<?> record, Class<?> parent) {
    String where = "variant " + Types.simpleName(record) + " of " + Types.simpleName(parent);
    Variant named = record.getAnnotation(Variant.class);
    String name = named != null ? named.value() : record.getSimpleName();
    if (name.isBlank()) {
      throw new IllegalArgumentException(where + " has a blank @Variant name");
    }
    for (RecordComponent c : record.getRecordComponents()) {
      if (c.getName().equals(DISCRIMINATOR)) {
        throw new IllegalArgumentException(where + " has a component named " + DISCRIMINATOR
            + ", which would clash with the discriminator");
      }
    }
    return name;
  }

  private static @Nullable Class<?> parent(Class<?> type) {
    for (Class<?> i : type.getInterfaces()) {
      if (i.isSealed()) {
        return i;
      }
    }
    return null;
  }

  private static String kind(Class<?> type) {
    if (type.isEnum()) {
      return "an enum";
    }
    if (type.isInterface()) {
      return "a non-sealed interface";
    }
    return type.isSealed() ? "a sealed class" : "a class";
  }

  /** The issue of a value whose {@value #DISCRIMINATOR} is missing or {@code null}. */
  public String missingName() {
    return "is required (expected one of " + names + ")";
  }

  /** The issue of a value whose {@value #DISCRIMINATOR} is present but not a string. */
  public String nameNotAString() {
    return "expected a string, one of " + names;
  }

  /** The issue of a value whose {@value #DISCRIMINATOR} names no variant; long names are cut. */
  public String unknownName(String name) {
    String shown =
        name.length() > MAX_ECHOED_CHARS ? name.substring(0, MAX_ECHOED_CHARS) + "…" : name;
    return quote(shown) + " is not one of " + names;
  }

  /** {@code name} in double quotes, with quotes and backslashes escaped as in JSON. */
  public static String quote(String name) {
    return '"' + name.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  @Override
  public String toString() {
    return "Union[" + Types.simpleName(type) + ": " + names + "]";
  }
}
