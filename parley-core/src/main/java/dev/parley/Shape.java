package dev.parley;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** The parts every procedure descriptor has, whatever its kind. */
record Shape<R extends Shared, I, O>(
    String name, Role<R> role, Schema<I> input, Schema<O> output, @Nullable String description) {

  Shape {
    Names.check(name);
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(output, "output");
  }

  static Shape<Shared, Void, Void> named(String name) {
    return new Shape<>(name, Role.SHARED, Schema.none(), Schema.none(), null);
  }

  <S extends Shared> Shape<S, I, O> withRole(Role<S> r) {
    return new Shape<>(name, Objects.requireNonNull(r, "role"), input, output, description);
  }

  <J> Shape<R, J, O> withInput(Schema<J> schema) {
    return new Shape<>(name, role, Objects.requireNonNull(schema, "schema"), output, description);
  }

  <P> Shape<R, I, P> withOutput(Schema<P> schema) {
    return new Shape<>(name, role, input, Objects.requireNonNull(schema, "schema"), description);
  }

  Shape<R, I, O> withDescription(String text) {
    return new Shape<>(name, role, input, output, Objects.requireNonNull(text, "description"));
  }
}
