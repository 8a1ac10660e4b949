package dev.parley.internal.schema;

import dev.parley.Issue;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A record: its checked components (present unless optional or {@code @Nullable}, each valid),
 * then its Jakarta {@link Constraints} at the record's own path: compiled into Parley's own rules
 * when they all compile, else validated by Hibernate Validator. Records without constraints, or
 * with compiled ones, are checked without allocation.
 *
 * <p>For {@link TreeReader} it also keeps every component as a {@link Slot}, and the record's
 * canonical constructor, to make a record of components read one by one.
 *
 * <p>Built in two steps so that recursive records can refer to themselves: created empty, then
 * {@linkplain #complete completed} once during derivation, before the plan is published.
 */
final class RecordNode implements Node {
  private static final MethodType GETTER = MethodType.methodType(Object.class, Object.class);
  private static final MethodType SPREAD = MethodType.methodType(Object.class, Object[].class);

  /** A component that needs a check: its name, accessor, step, and whether it must be present. */
  record Component(String name, MethodHandle getter, Node node, boolean required) {}

  /**
   * A component as {@link TreeReader} reads it: every component, primitive and unchecked ones too.
   *
   * @param name its name, which is also its JSON property
   * @param type its Java type, with the record's type variables bound
   * @param node its plan; a leaf for a primitive
   * @param primitive whether it is primitive, so that a missing value cannot be made a record of
   * @param required whether the plan requires a value ({@code is required} when null)
   * @param rules its compiled constraints, when the record's are compiled and it has some
   */
  record Slot(String name, Type type, Node node, boolean primitive, boolean required,
      @Nullable ComponentRules rules) {}

  private final Class<?> type;
  private String[] names = new String[0];
  private MethodHandle[] getters = new MethodHandle[0];
  private Node[] nodes = new Node[0];
  private boolean[] required = new boolean[0];
  private Constraints constraints = Constraints.None.INSTANCE;
  private Slot[] slots = new Slot[0];
  private @Nullable MethodHandle constructor;
  private boolean completed;

  RecordNode(Class<?> type) {
    this.type = type;
  }

  /**
   * Sets what this record checks and how it is read; called once, during derivation.
   *
   * @param components the components that need a check
   * @param constraints who checks the record's constraints
   * @param slots every component, in order
   */
  void complete(List<Component> components, Constraints constraints, List<Slot> slots) {
    int n = components.size();
    names = new String[n];
    getters = new MethodHandle[n];
    nodes = new Node[n];
    required = new boolean[n];
    for (int i = 0; i < n; i++) {
      Component c = components.get(i);
      names[i] = c.name();
      getters[i] = c.getter();
      nodes[i] = c.node();
      required[i] = c.required();
    }
    this.constraints = constraints;
    this.slots = slots.toArray(Slot[]::new);
    this.constructor = constructor(type);
    this.completed = true;
  }

  /** The record's class. */
  Class<?> type() {
    return type;
  }

  /** Every component, in order, as {@link TreeReader} reads them. */
  Slot[] slots() {
    return slots;
  }

  /**
   * A record made of {@code values}, one per {@linkplain #slots() slot}, by the canonical
   * constructor; {@code null} when Parley may not call it.
   *
   * @throws Throwable what the constructor throws
   */
  @Nullable Object make(Object[] values) throws Throwable {
    return constructor == null ? null : (Object) constructor.invokeExact(values);
  }

  /** The canonical constructor as an {@code (Object[]) -> Object} handle, if Parley may call it. */
  private static @Nullable MethodHandle constructor(Class<?> record) {
    try {
      RecordComponent[] components = record.getRecordComponents();
      Class<?>[] types = new Class<?>[components.length];
      for (int i = 0; i < types.length; i++) {
        types[i] = components[i].getType();
      }
      Constructor<?> canonical = record.getDeclaredConstructor(types);
      canonical.setAccessible(true);
      return MethodHandles.lookup().unreflectConstructor(canonical)
          .asSpreader(Object[].class, types.length).asType(SPREAD);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null; // not Parley's to call: the codec reads such a record whole
    }
  }

  /** The accessor of a record component as a {@code (Object) -> Object} handle. */
  static MethodHandle getter(Method accessor) {
    try {
      accessor.setAccessible(true);
      return MethodHandles.lookup().unreflect(accessor).asType(GETTER);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalArgumentException("cannot read " + accessor.getDeclaringClass().getName()
          + "." + accessor.getName() + "(): open its package to Parley", e);
    }
  }

  @Override
  public boolean valid(Object value) {
    for (int i = 0; i < getters.length; i++) {
      Object v = get(i, value);
      if (v == null ? required[i] : !nodes[i].valid(v)) {
        return false;
      }
    }
    return constraints.valid(value);
  }

  @Override
  public void collect(Object value, String path, List<Issue> issues) {
    for (int i = 0; i < getters.length; i++) {
      Object v = get(i, value);
      if (v == null) {
        if (required[i]) {
          issues.add(new Issue(Paths.property(path, names[i]), REQUIRED));
        }
      } else {
        nodes[i].collect(v, Paths.property(path, names[i]), issues);
      }
    }
    constraints.collect(value, path, issues);
  }

  @Override
  public boolean trivial() {
    // a record still being derived (a recursive one) is not known to be trivial yet
    return completed && getters.length == 0 && constraints == Constraints.None.INSTANCE;
  }

  private Object get(int i, Object value) {
    try {
      return (Object) getters[i].invokeExact(value);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new UndeclaredThrowableException(t);
    }
  }

  @Override
  public String toString() {
    return "RecordNode[" + type.getName() + "]";
  }
}
