package dev.parley.internal.schema;

import dev.parley.Issue;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;
import org.jspecify.annotations.Nullable;

/**
 * The compiled constraints on the elements of a container component ({@code List<@NotBlank
 * String>}), each element at the path Hibernate Validator gives it.
 */
final class ElementRules {

  /** Where an element's issue is reported, as Hibernate Validator's value extractors place it. */
  enum Layout {
    /** A list's element, at its index: {@code tags[2]}. */
    INDEXED,
    /** A set's or collection's element, at the container's own path: {@code tags}. */
    UNINDEXED,
    /** A map's value, at its key: {@code tags.key}, {@code tags["odd key"]}. */
    KEYED
  }

  private final Layout layout;
  private final Rule[] rules;

  ElementRules(Layout layout, List<Rule> rules) {
    this.layout = layout;
    this.rules = rules.toArray(Rule[]::new);
  }

  /** Whether every element of {@code container}, a non-null list, set or map, is valid. */
  boolean valid(Object container) {
    if (layout == Layout.KEYED) {
      for (Object value : ((Map<?, ?>) container).values()) {
        if (!validElement(value)) {
          return false;
        }
      }
      return true;
    }
    if (container instanceof List<?> list && container instanceof RandomAccess) {
      for (int i = 0, n = list.size(); i < n; i++) {
        if (!validElement(list.get(i))) {
          return false;
        }
      }
      return true;
    }
    for (Object e : (Collection<?>) container) {
      if (!validElement(e)) {
        return false;
      }
    }
    return true;
  }

  /** Adds the issues of the elements of {@code container}, which is at {@code path}. */
  void collect(Object container, String path, List<Issue> issues) {
    switch (layout) {
      case INDEXED -> {
        int i = 0;
        for (Object e : (Collection<?>) container) {
          collectElement(e, Paths.index(path, i++), issues);
        }
      }
      case UNINDEXED -> {
        for (Object e : (Collection<?>) container) {
          collectElement(e, path, issues);
        }
      }
      case KEYED -> {
        for (Map.Entry<?, ?> e : ((Map<?, ?>) container).entrySet()) {
          Object key = e.getKey();
          String at = key == null ? path : Paths.property(path, key.toString());
          collectElement(e.getValue(), at, issues);
        }
      }
    }
  }

  /**
   * Adds the issues of one element, read without its container: {@code element} is at {@code
   * elementPath} inside the container at {@code containerPath}; its issues go where {@link
   * #collect} puts them.
   */
  void collectElement(@Nullable Object element, String containerPath, String elementPath,
      List<Issue> issues) {
    collectElement(element, layout == Layout.UNINDEXED ? containerPath : elementPath, issues);
  }

  private boolean validElement(@Nullable Object element) {
    for (Rule r : rules) {
      if (!r.test(element)) {
        return false;
      }
    }
    return true;
  }

  private void collectElement(@Nullable Object element, String at, List<Issue> issues) {
    for (Rule r : rules) {
      if (!r.test(element)) {
        issues.add(new Issue(at, r.message()));
      }
    }
  }

  @Override
  public String toString() {
    return "<" + layout + Arrays.toString(rules) + ">";
  }
}
