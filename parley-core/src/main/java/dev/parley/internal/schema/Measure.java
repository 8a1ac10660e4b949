package dev.parley.internal.schema;

import java.util.Collection;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What {@code @Size} and {@code @NotEmpty} count in a value of a declared type, as Hibernate
 * Validator's validators for that type count it: the UTF-16 length of a string, the size of a
 * collection or of a map.
 */
enum Measure {
  /** {@link CharSequence#length()}. */
  LENGTH,
  /** {@link Collection#size()}. */
  COLLECTION_SIZE,
  /** {@link Map#size()}. */
  MAP_SIZE;

  /** How a value declared as {@code type} is measured, or {@code null} when it is not. */
  static @Nullable Measure of(Class<?> type) {
    if (type == String.class) {
      return LENGTH;
    }
    if (Collection.class.isAssignableFrom(type)) {
      return COLLECTION_SIZE;
    }
    return Map.class.isAssignableFrom(type) ? MAP_SIZE : null;
  }

  /** The size of {@code value}, which is non-null and of the type this measure was chosen for. */
  int of(Object value) {
    return switch (this) {
      case LENGTH -> ((CharSequence) value).length();
      case COLLECTION_SIZE -> ((Collection<?>) value).size();
      case MAP_SIZE -> ((Map<?, ?>) value).size();
    };
  }
}
