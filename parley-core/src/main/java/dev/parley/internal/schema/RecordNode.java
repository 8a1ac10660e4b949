package dev.parley.internal.schema;

import dev.parley.Issue;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.List;

/**
 * A record: its checked components (present unless optional or {@code @Nullable}, each valid),
 * then its Jakarta {@link Constraints} at the record's own path: compiled into Parley's own rules
 * when they all compile, else validated by Hibernate Validator. Records without constraints, or
 * with compiled ones, are checked without allocation.
 *
 * <p>Built in two steps so that recursive records can refer to themselves: created empty, then
 * {@linkplain #complete completed} once during derivation, before the plan is published.
 */
final class RecordNode implements Node {
  private static final MethodType GETTER = MethodType.methodType(Object.class, Object.class);

  /** A component that needs a check: its name, accessor, step, and whether it must be present. */
  record Component(String name, MethodHandle getter, Node node, boolean required) {}

  private final Class<?> type;
  private String[] names = new String[0];
  private MethodHandle[] getters = new MethodHandle[0];
  private Node[] nodes = new Node[0];
  private boolean[] required = new boolean[0];
  private Constraints constraints = Constraints.None.INSTANCE;
  private boolean completed;

  RecordNode(Class<?> type) {
    this.type = type;
  }

  /** Sets what this record checks; called once, during derivation. */
  void complete(List<Component> components, Constraints constraints) {
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
    this.completed = true;
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
