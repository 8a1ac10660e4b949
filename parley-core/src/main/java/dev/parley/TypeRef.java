package dev.parley;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * Captures a generic type at run time, for schemas of types such as {@code Page<Todo>}:
 *
 * <pre>{@code
 * Schema<Page<Todo>> schema = Schema.of(new TypeRef<Page<Todo>>() {});
 * }</pre>
 *
 * @param <T> the captured type
 */
public abstract class TypeRef<T> {
  private final Type type;

  /** Captures the type argument of the anonymous subclass. */
  protected TypeRef() {
    Type superclass = getClass().getGenericSuperclass();
    if (!(superclass instanceof ParameterizedType p)) {
      throw new IllegalStateException("TypeRef: create it as new TypeRef<Type>() {}");
    }
    this.type = p.getActualTypeArguments()[0];
  }

  /** The captured type. */
  public final Type type() {
    return type;
  }
}
