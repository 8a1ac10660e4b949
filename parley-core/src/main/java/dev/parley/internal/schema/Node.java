package dev.parley.internal.schema;

import dev.parley.Issue;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.RandomAccess;
import org.jspecify.annotations.Nullable;

/**
 * One step of a validation plan, built once per type. Each step has a fast check, which allocates
 * nothing unless a record's Jakarta constraints are left to Hibernate Validator (see {@link
 * ConstraintCompiler}), and a slow walk that reports every issue with its path; the slow walk runs
 * only when the fast check fails. Both take a non-null value; the parent step decides what a {@code
 * null} means. Each step also knows the Java types of its parts, so that {@link TreeReader} can
 * read a JSON tree by it, part by part.
 */
sealed interface Node
    permits Node.Leaf, Node.Elements, Node.Entries, Node.Present, RecordNode, UnionNode {

  /** Whether {@code value} and everything in it is valid. */
  boolean valid(Object value);

  /** Adds every issue of {@code value}, which is at {@code path}, to {@code issues}. */
  void collect(Object value, String path, List<Issue> issues);

  /** Whether this step never finds an issue in a non-null value: the parent may skip it. */
  default boolean trivial() {
    return false;
  }

  /** The message of a missing value. */
  String REQUIRED = "is required";

  /** A scalar (string, number, boolean, enum, time, UUID): any non-null value is valid. */
  enum Leaf implements Node {
    INSTANCE;

    @Override
    public boolean valid(Object value) {
      return true;
    }

    @Override
    public void collect(Object value, String path, List<Issue> issues) {}

    @Override
    public boolean trivial() {
      return true;
    }
  }

  /**
   * A list, set or collection: elements present unless declared nullable, each valid.
   *
   * @param element the plan of each element
   * @param type the elements' Java type
   * @param nullable whether an element may be {@code null}
   * @param set whether the collection is a {@code Set}, which a reader fills as a {@code HashSet}
   */
  record Elements(Node element, Type type, boolean nullable, boolean set) implements Node {
    @Override
    public boolean valid(Object value) {
      if (value instanceof List<?> list && value instanceof RandomAccess) {
        for (int i = 0, n = list.size(); i < n; i++) {
          if (!validElement(list.get(i))) {
            return false;
          }
        }
        return true;
      }
      for (Object e : (Collection<?>) value) {
        if (!validElement(e)) {
          return false;
        }
      }
      return true;
    }

    private boolean validElement(@Nullable Object e) {
      return e == null ? nullable : element.valid(e);
    }

    @Override
    public void collect(Object value, String path, List<Issue> issues) {
      int i = 0;
      for (Object e : (Collection<?>) value) {
        if (e == null) {
          if (!nullable) {
            issues.add(new Issue(Paths.index(path, i), REQUIRED));
          }
        } else {
          element.collect(e, Paths.index(path, i), issues);
        }
        i++;
      }
    }
  }

  /**
   * A map from strings: keys present, values present unless declared nullable, each valid.
   *
   * @param value the plan of each value
   * @param type the values' Java type
   * @param nullable whether a value may be {@code null}
   */
  record Entries(Node value, Type type, boolean nullable) implements Node {
    @Override
    public boolean valid(Object map) {
      for (Map.Entry<?, ?> e : ((Map<?, ?>) map).entrySet()) {
        Object v = e.getValue();
        if (e.getKey() == null || (v == null ? !nullable : !value.valid(v))) {
          return false;
        }
      }
      return true;
    }

    @Override
    public void collect(Object map, String path, List<Issue> issues) {
      for (Map.Entry<?, ?> e : ((Map<?, ?>) map).entrySet()) {
        if (e.getKey() == null) {
          issues.add(new Issue(path, "has a null key"));
          continue;
        }
        String at = Paths.property(path, e.getKey().toString());
        Object v = e.getValue();
        if (v == null) {
          if (!nullable) {
            issues.add(new Issue(at, REQUIRED));
          }
        } else {
          value.collect(v, at, issues);
        }
      }
    }
  }

  /**
   * An {@code Optional}: empty is valid, a present value must be.
   *
   * @param content the plan of the present value
   * @param type the present value's Java type
   */
  record Present(Node content, Type type) implements Node {
    @Override
    public boolean valid(Object value) {
      Optional<?> o = (Optional<?>) value;
      return o.isEmpty() || content.valid(o.get());
    }

    @Override
    public void collect(Object value, String path, List<Issue> issues) {
      Optional<?> o = (Optional<?>) value;
      if (o.isPresent()) {
        content.collect(o.get(), path, issues);
      }
    }

    @Override
    public boolean trivial() {
      return content.trivial();
    }
  }
}
