package dev.parley.internal.schema;

import dev.parley.Issue;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A record whose constraints are all compiled: each constrained component checked by its {@link
 * ComponentRules}, without Hibernate Validator and without allocation when the record is valid.
 */
final class CompiledConstraints implements Constraints {
  private final ComponentRules[] components;

  CompiledConstraints(List<ComponentRules> components) {
    this.components = components.toArray(ComponentRules[]::new);
  }

  @Override
  public boolean valid(Object record) {
    for (ComponentRules c : components) {
      if (!c.valid(record)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void collect(Object record, String path, List<Issue> issues) {
    List<Issue> found = new ArrayList<>();
    for (ComponentRules c : components) {
      c.collect(record, path, found);
    }
    found.sort(ORDER);
    issues.addAll(found);
  }

  /** The rules of the component named {@code name}, or {@code null} when it has none. */
  @Nullable ComponentRules of(String name) {
    for (ComponentRules c : components) {
      if (c.name().equals(name)) {
        return c;
      }
    }
    return null;
  }

  @Override
  public String toString() {
    return "CompiledConstraints" + List.of(components);
  }
}
