package dev.parley.internal.schema;

import dev.parley.Issue;
import java.util.Comparator;
import java.util.List;

/**
 * The Jakarta constraints of one record, checked on the record at its own path: none, compiled
 * into Parley's own {@link Rule}s, or left to Hibernate Validator. Every kind reports the same
 * issues in the same {@link #ORDER}; which kind a record gets is decided once, by {@link
 * ConstraintCompiler}.
 */
sealed interface Constraints permits Constraints.None, Constraints.Hibernate, CompiledConstraints {

  /** The order of one record's constraint issues: by path ({@link Paths#compare}), then message. */
  Comparator<Issue> ORDER =
      Comparator.comparing(Issue::path, Paths::compare).thenComparing(Issue::message);

  /** Whether {@code record} satisfies these constraints. */
  boolean valid(Object record);

  /** Adds the issues of {@code record}, which is at {@code path}, to {@code issues}, in order. */
  void collect(Object record, String path, List<Issue> issues);

  /** A record without constraints. */
  enum None implements Constraints {
    INSTANCE;

    @Override
    public boolean valid(Object record) {
      return true;
    }

    @Override
    public void collect(Object record, String path, List<Issue> issues) {}
  }

  /** A record with a constraint Parley does not compile: Hibernate Validator checks it all. */
  enum Hibernate implements Constraints {
    INSTANCE;

    @Override
    public boolean valid(Object record) {
      return BeanValidation.valid(record);
    }

    @Override
    public void collect(Object record, String path, List<Issue> issues) {
      BeanValidation.collect(record, path, issues);
    }
  }
}
