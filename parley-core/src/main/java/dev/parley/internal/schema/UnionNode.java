package dev.parley.internal.schema;

import dev.parley.Issue;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A discriminated union: the value's class picks its variant's {@link RecordNode}, which checks it
 * at the union's own path (the variant adds no segment). Looking the plan up allocates nothing, so
 * valid values keep the records' fast path.
 *
 * <p>Built in two steps so that recursive unions can refer to themselves: created empty, then
 * {@linkplain #complete completed} once during derivation, before the plan is published.
 */
final class UnionNode implements Node {
  private final Union union;
  private Map<Class<?>, RecordNode> variants = Map.of();
  private Map<String, RecordNode> named = Map.of();

  UnionNode(Union union) {
    this.union = union;
  }

  /** Sets the plan of each variant record; called once, during derivation. */
  void complete(Map<Class<?>, RecordNode> plans) {
    variants = Map.copyOf(plans);
    Map<String, RecordNode> byName = new HashMap<>();
    for (Union.Case c : union.cases()) {
      byName.put(c.name(), plans.get(c.record()));
    }
    named = Map.copyOf(byName);
  }

  /** The union, for the words of its issues. */
  Union union() {
    return union;
  }

  /** The plan of the variant named {@code name} on the wire, or {@code null} when none is. */
  @Nullable RecordNode variant(String name) {
    return named.get(name);
  }

  @Override
  public boolean valid(Object value) {
    RecordNode variant = variants.get(value.getClass());
    return variant != null && variant.valid(value);
  }

  @Override
  public void collect(Object value, String path, List<Issue> issues) {
    RecordNode variant = variants.get(value.getClass());
    if (variant == null) { // only through an unchecked cast: a sealed interface has no other class
      issues.add(new Issue(path, "is not one of " + union.names()));
    } else {
      variant.collect(value, path, issues);
    }
  }

  @Override
  public String toString() {
    return "UnionNode[" + union.type().getName() + "]";
  }
}
