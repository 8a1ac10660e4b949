package dev.parley.internal.schema;

import dev.parley.Issue;
import java.util.ArrayList;
import java.util.List;

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

  @Override
  public String toString() {
    return "CompiledConstraints" + List.of(components);
  }
}
