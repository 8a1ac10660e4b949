package dev.parley.internal.schema;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Turns a Java type into its validation plan, a tree of {@link Node}s, once; refuses the types
 * Parley cannot read and write strictly, naming the type and where it was found. A {@linkplain
 * #shape shape} is the lenient form, for reading the JSON of a schema Parley did not derive.
 */
final class Derivation {
  private static final String EXPECTED = "(expected a record, sealed interface of records, enum,"
      + " String, number, boolean, Instant, LocalDate, BigDecimal, UUID, List, Set, Map<String,V>,"
      + " Optional)";

  private static final Set<Class<?>> SCALARS = Set.of(
      String.class, Boolean.class, Character.class, Byte.class, Short.class, Integer.class,
      Long.class, Float.class, Double.class, BigDecimal.class, BigInteger.class, Instant.class,
      LocalDate.class, LocalDateTime.class, OffsetDateTime.class, Duration.class, UUID.class,
      Void.class);

  private final Type root;
  private final boolean strict;
  private final Map<Type, RecordNode> records = new HashMap<>();
  private final Map<Class<?>, UnionNode> unions = new HashMap<>();

  private Derivation(Type root, boolean strict) {
    this.root = root;
    this.strict = strict;
  }

  /**
   * The plan of {@code type}.
   *
   * @throws IllegalArgumentException when {@code type} or a type inside it is not supported
   */
  static Node plan(Type type) {
    return new Derivation(type, true).node(type, null, "");
  }

  /**
   * The shape of {@code type}: its plan without Jakarta constraints, in which a type Parley does not
   * support, or a union it refuses, is a leaf (read whole) rather than an error.
   *
   * @throws IllegalArgumentException when a record's accessors may not be read
   */
  static Node shape(Type type) {
    return new Derivation(type, false).node(type, null, "");
  }

  private Node node(Type type, @Nullable AnnotatedType annotated, String where) {
    Class<?> raw = Types.raw(type);
    if (raw == null || raw.isArray() || raw == void.class) {
      return unsupported(type, where);
    }
    if (raw.isPrimitive() || raw.isEnum() || SCALARS.contains(raw)) {
      return Node.Leaf.INSTANCE;
    }
    if (raw.isRecord()) {
      return record(type, raw, where);
    }
    if (Union.isUnion(raw)) {
      return union(raw, where);
    }
    Type[] args = type instanceof ParameterizedType p ? p.getActualTypeArguments() : new Type[0];
    if (args.length == 0) {
      return unsupported(type, where);
    }
    if (raw == List.class || raw == Collection.class || raw == Set.class) {
      AnnotatedType element = argument(annotated, 0);
      return new Node.Elements(node(args[0], element, where), args[0],
          isNullable(element, null), raw == Set.class);
    }
    if (raw == Map.class && args[0] == String.class) {
      AnnotatedType value = argument(annotated, 1);
      return new Node.Entries(node(args[1], value, where), args[1], isNullable(value, null));
    }
    if (raw == Optional.class) {
      return new Node.Present(node(args[0], argument(annotated, 0), where), args[0]);
    }
    return unsupported(type, where);
  }

  private RecordNode record(Type type, Class<?> raw, String where) {
    RecordNode known = records.get(type);
    if (known != null) {
      return known;
    }
    if (Union.isVariant(raw) && strict) { // it writes its name wherever it goes, also alone
      try {
        Union.nameOf(raw);
      } catch (IllegalArgumentException e) {
        throw refused(e.getMessage(), where);
      }
    }
    RecordNode node = new RecordNode(raw);
    records.put(type, node);
    Map<TypeVariable<?>, Type> bindings = bindings(type, raw);
    Constraints constraints = strict ? ConstraintCompiler.of(raw) : Constraints.None.INSTANCE;
    List<RecordNode.Component> checked = new ArrayList<>();
    List<RecordNode.Slot> slots = new ArrayList<>();
    for (RecordComponent c : raw.getRecordComponents()) {
      String at = Types.simpleName(raw) + "." + c.getName();
      Type componentType = Types.resolve(c.getGenericType(), bindings);
      Class<?> componentRaw = Types.raw(componentType);
      ComponentRules rules = constraints instanceof CompiledConstraints compiled
          ? compiled.of(c.getName()) : null;
      if (componentRaw != null && componentRaw.isPrimitive()) { // never null, no parts
        slots.add(new RecordNode.Slot(
            c.getName(), componentType, Node.Leaf.INSTANCE, true, true, rules));
        continue;
      }
      AnnotatedType annotated = componentType == c.getGenericType() ? c.getAnnotatedType() : null;
      Node child = node(componentType, annotated, at);
      boolean required = componentRaw != Optional.class && componentRaw != Void.class
          && !isNullable(c.getAnnotatedType(), c);
      slots.add(new RecordNode.Slot(c.getName(), componentType, child, false, required, rules));
      if (required || !child.trivial()) {
        checked.add(new RecordNode.Component(
            c.getName(), RecordNode.getter(c.getAccessor()), child, required));
      }
    }
    node.complete(checked, constraints, slots);
    return node;
  }

  /** A sealed interface: each variant's record plan, by the record's class. */
  private Node union(Class<?> raw, String where) {
    UnionNode known = unions.get(raw);
    if (known != null) {
      return known;
    }
    Union union;
    try {
      union = Union.of(raw);
    } catch (IllegalArgumentException e) {
      if (!strict) {
        return Node.Leaf.INSTANCE; // the codec refuses it, as it reads it whole
      }
      throw refused(e.getMessage(), where);
    }
    UnionNode node = new UnionNode(union);
    unions.put(raw, node);
    Map<Class<?>, RecordNode> plans = new HashMap<>();
    for (Union.Case c : union.cases()) {
      plans.put(c.record(), record(c.record(), c.record(), where));
    }
    node.complete(plans);
    return node;
  }

  private static Map<TypeVariable<?>, Type> bindings(Type type, Class<?> raw) {
    Map<TypeVariable<?>, Type> bindings = new HashMap<>();
    if (type instanceof ParameterizedType p) {
      TypeVariable<?>[] vars = raw.getTypeParameters();
      Type[] args = p.getActualTypeArguments();
      for (int i = 0; i < vars.length && i < args.length; i++) {
        bindings.put(vars[i], args[i]);
      }
    }
    return bindings;
  }

  private static @Nullable AnnotatedType argument(@Nullable AnnotatedType annotated, int index) {
    if (annotated instanceof AnnotatedParameterizedType p) {
      AnnotatedType[] args = p.getAnnotatedActualTypeArguments();
      return index < args.length ? args[index] : null;
    }
    return null;
  }

  /** Whether a type use or declaration carries an annotation named {@code Nullable}, any kind. */
  private static boolean isNullable(
      @Nullable AnnotatedType type, @Nullable AnnotatedElement declaration) {
    return (type != null && hasNullable(type.getAnnotations()))
        || (declaration != null && hasNullable(declaration.getAnnotations()));
  }

  private static boolean hasNullable(Annotation[] annotations) {
    for (Annotation a : annotations) {
      if (a.annotationType().getSimpleName().equals("Nullable")) {
        return true;
      }
    }
    return false;
  }

  private IllegalArgumentException refused(String problem, String where) {
    return new IllegalArgumentException("Schema.of(" + Types.simpleName(root) + "): " + problem
        + (where.isEmpty() ? "" : ", in " + where));
  }

  /** A leaf, read whole, in a shape; else the error that names {@code type}. */
  private Node unsupported(Type type, String where) {
    if (!strict) {
      return Node.Leaf.INSTANCE;
    }
    throw new IllegalArgumentException("Schema.of(" + Types.simpleName(root)
        + "): unsupported type " + Types.simpleName(type)
        + (where.isEmpty() ? "" : " in " + where) + " " + EXPECTED);
  }
}
