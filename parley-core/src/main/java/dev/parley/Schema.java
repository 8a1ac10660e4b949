package dev.parley;

import dev.parley.internal.schema.DerivedSchema;
import dev.parley.internal.schema.NoneSchema;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Describes and validates the values of one Java type: Parley's validator SPI, the Java answer to
 * Standard Schema.
 *
 * <p>Parley's codec turns JSON into a value of {@link #type()} and back; a schema then checks the
 * value and returns every {@link Issue} it finds, so a caller learns all that is wrong at once. The
 * schemas Parley derives ({@link #of(Class)}) check that required parts are present (every record
 * component that is not {@code Optional} or {@code @Nullable}), walk lists, sets, maps, nested
 * records and discriminated unions, and apply Jakarta Validation constraints ({@code @Size}, {@code
 * @NotBlank}, {@code @Email} …) wherever they are declared.
 *
 * <p>JSON whose parts have the wrong types never becomes a value: the codec then lists every such
 * part at its path, and, for a schema it derived, the issues of the well-typed parts beside them,
 * in one error.
 *
 * <p>Implement this interface to plug another validator. Implementations must be immutable and
 * thread-safe. The codec calls {@link #validate} only with values it could read whole.
 *
 * @param <T> the type of the values this schema describes
 */
public interface Schema<T> {

  /** The Java type of the values, which the codec reads and writes as JSON. */
  Type type();

  /**
   * Every issue of {@code value}, empty when it is valid. A {@code null} value is an issue unless
   * the schema allows none (as {@link #none()} does).
   */
  List<Issue> validate(@Nullable T value);

  /** The schema of "no value": input a procedure does not take, or output it does not return. */
  static Schema<Void> none() {
    return NoneSchema.INSTANCE;
  }

  /**
   * The schema derived from {@code type}, once per type and cached: a record (nested and recursive
   * records too), a sealed interface of records, an enum, {@code String}, a primitive or its box,
   * {@code BigDecimal}, {@code BigInteger}, {@code Instant}, {@code LocalDate}, {@code
   * LocalDateTime}, {@code OffsetDateTime}, {@code Duration}, {@code UUID}, {@code Void}; inside
   * records also {@code List}, {@code Collection}, {@code Set}, {@code Map<String, V>} and {@code
   * Optional}.
   *
   * <p>A sealed interface is a discriminated union: its permitted records are its variants, and
   * permitted sealed interfaces add theirs. On the wire a variant is its record's object plus a
   * {@code "type"} property naming it (the record's simple name, or its {@link Variant @Variant}
   * value); a missing or unknown {@code type} is an issue at that path. A value is checked by the
   * schema of its variant's record, at the union's own path:
   *
   * <pre>{@code
   * sealed interface Shape permits Circle, Square {}
   * record Circle(@Positive double radius) implements Shape {}
   * record Square(double side) implements Shape {}
   *
   * Schema.listOf(Shape.class).validate(List.of(new Square(1), new Circle(-1)));
   * // [[1].radius: must be greater than 0]
   * }</pre>
   *
   * <p>Its {@link #validate} requires every record component that is neither {@code Optional} nor
   * annotated {@code @Nullable}, and every list element and map value unless its type argument is
   * {@code @Nullable}; it applies Jakarta Validation constraints of each record at the record's
   * path (no {@code @Valid} needed), including constraints on type arguments such as {@code
   * List<@NotBlank String>}.
   *
   * @throws IllegalArgumentException when {@code type}, or a type inside it, is not supported; the
   *     message names that type and the record component where it was found. A union is refused
   *     when it permits anything but records and sealed interfaces, when two variants share a
   *     name, when a name is blank, or when a variant has a component named {@code type}
   */
  static <T> Schema<T> of(Class<T> type) {
    return DerivedSchema.of(type);
  }

  /**
   * The schema derived from a generic type, e.g. {@code new TypeRef<Page<Todo>>() {}}, by the
   * rules of {@link #of(Class)}; type variables of generic records are bound from the type.
   *
   * @throws IllegalArgumentException when the type, or a type inside it, is not supported
   */
  static <T> Schema<T> of(TypeRef<T> type) {
    return DerivedSchema.of(type.type());
  }

  /** The schema of a list whose elements have the schema derived from {@code element}. */
  static <T> Schema<List<T>> listOf(Class<T> element) {
    return DerivedSchema.of(DerivedSchema.parameterized(List.class, element));
  }

  /** The schema of a set whose elements have the schema derived from {@code element}. */
  static <T> Schema<Set<T>> setOf(Class<T> element) {
    return DerivedSchema.of(DerivedSchema.parameterized(Set.class, element));
  }

  /** The schema of a map from strings to values of the schema derived from {@code value}. */
  static <V> Schema<Map<String, V>> mapOf(Class<V> value) {
    return DerivedSchema.of(DerivedSchema.parameterized(Map.class, String.class, value));
  }
}
