package dev.parley.internal.schema;

import dev.parley.Issue;
import dev.parley.Schema;
import java.lang.reflect.Type;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The schema of "no value": only {@code null} is valid. */
public final class NoneSchema implements Schema<Void> {
  /** The one instance. */
  public static final NoneSchema INSTANCE = new NoneSchema();

  private NoneSchema() {}

  @Override
  public Type type() {
    return Void.class;
  }

  @Override
  public List<Issue> validate(@Nullable Void value) {
    return List.of();
  }

  @Override
  public String toString() {
    return "Schema.none()";
  }
}
