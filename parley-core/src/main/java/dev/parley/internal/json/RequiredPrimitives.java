package dev.parley.internal.json;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.AnnotatedMember;
import tools.jackson.databind.introspect.JacksonAnnotationIntrospector;

/**
 * Marks every primitive record component as required, so that a missing {@code int} is an issue
 * rather than a silent {@code 0}. Missing reference components stay {@code null} (or empty for
 * {@code Optional}) and are judged by the schema, which reports all of them at once.
 */
final class RequiredPrimitives extends JacksonAnnotationIntrospector {
  private static final long serialVersionUID = 1L;

  @Override
  public @Nullable Boolean hasRequiredMarker(MapperConfig<?> config, AnnotatedMember m) {
    Boolean explicit = super.hasRequiredMarker(config, m);
    if (explicit != null) {
      return explicit;
    }
    return m.getRawType().isPrimitive() && m.getDeclaringClass().isRecord() ? Boolean.TRUE : null;
  }
}
