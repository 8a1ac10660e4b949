package dev.parley;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What every descriptor made of one {@link Shape} has in common: its name, kind, role and
 * description, and equality by kind and shape. Each kind adds its own copy methods and accessors.
 */
abstract class Described<R extends Shared, I, O> {
  final Shape<R, I, O> shape;
  private final Kind kind;
  private final String label;

  Described(Kind kind, String label, Shape<R, I, O> shape) {
    this.kind = kind;
    this.label = label;
    this.shape = shape;
  }

  /** The descriptor's name, unique within a contract, e.g. {@code todos.list}. */
  public String name() {
    return shape.name();
  }

  /** The kind of this descriptor. */
  public Kind kind() {
    return kind;
  }

  /** The role whose callers may use it; {@link Role#SHARED} for everyone. */
  public Role<R> role() {
    return shape.role();
  }

  /** A human-readable description, for documentation and agents; empty when none was given. */
  public Optional<String> description() {
    return Optional.ofNullable(shape.description());
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Described<?, ?, ?> d && d.kind == kind && d.shape.equals(shape);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, shape);
  }

  @Override
  public String toString() {
    return label + "[" + shape.name() + (shape.role() == Role.SHARED ? "" : ", " + shape.role().name()) + "]";
  }
}
