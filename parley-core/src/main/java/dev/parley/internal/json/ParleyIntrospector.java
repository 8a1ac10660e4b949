package dev.parley.internal.json;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.parley.internal.schema.Union;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.AnnotatedClass;
import tools.jackson.databind.introspect.AnnotatedMember;
import tools.jackson.databind.introspect.JacksonAnnotationIntrospector;
import tools.jackson.databind.jsontype.NamedType;
import tools.jackson.databind.ser.BeanPropertyWriter;

/**
 * Parley's rules that Jackson would otherwise read from annotations, so that users write none.
 *
 * <ul>
 *   <li>Every primitive record component is required, so that a missing {@code int} is an issue
 *       rather than a silent {@code 0}. Missing reference components stay {@code null} (or empty
 *       for {@code Optional}) and are judged by the schema, which reports all of them at once.
 *   <li>A sealed interface of records is a discriminated {@link Union}: its variants are its
 *       records, each named by its {@link dev.parley.Variant @Variant} or simple name, read by
 *       {@link UnionReader} from the {@code "type"} property. Every variant record writes that
 *       property first ({@link VariantNameWriter}), whatever type it is written as, so the union's
 *       own writer finds it there, as an existing property.
 * </ul>
 */
final class ParleyIntrospector extends JacksonAnnotationIntrospector {
  private static final long serialVersionUID = 1L;

  @Override
  public @Nullable Boolean hasRequiredMarker(MapperConfig<?> config, AnnotatedMember m) {
    Boolean explicit = super.hasRequiredMarker(config, m);
    if (explicit != null) {
      return explicit;
    }
    return m.getRawType().isPrimitive() && m.getDeclaringClass().isRecord() ? Boolean.TRUE : null;
  }

  @Override
  public JsonTypeInfo.@Nullable Value findPolymorphicTypeInfo(MapperConfig<?> config, Annotated a) {
    return isUnion(a) ? UnionResolver.SETTINGS : super.findPolymorphicTypeInfo(config, a);
  }

  @Override
  public @Nullable Object findTypeResolverBuilder(MapperConfig<?> config, Annotated a) {
    return isUnion(a) ? new UnionResolver() : super.findTypeResolverBuilder(config, a);
  }

  @Override
  public @Nullable List<NamedType> findSubtypes(MapperConfig<?> config, Annotated a) {
    if (!isUnion(a)) {
      return super.findSubtypes(config, a);
    }
    List<NamedType> variants = new ArrayList<>();
    for (Union.Case c : Union.of(a.getRawType()).cases()) {
      variants.add(new NamedType(c.record(), c.name()));
    }
    return variants;
  }

  @Override
  public @Nullable String findTypeName(MapperConfig<?> config, AnnotatedClass ac) {
    return Union.isVariant(ac.getRawType())
        ? Union.nameOf(ac.getRawType())
        : super.findTypeName(config, ac);
  }

  @Override
  public void findAndAddVirtualProperties(
      MapperConfig<?> config, AnnotatedClass ac, List<BeanPropertyWriter> properties) {
    super.findAndAddVirtualProperties(config, ac, properties);
    if (Union.isVariant(ac.getRawType())) {
      properties.add(0, VariantNameWriter.of(config, ac, Union.nameOf(ac.getRawType())));
    }
  }

  private static boolean isUnion(Annotated a) {
    return a instanceof AnnotatedClass && Union.isUnion(a.getRawType());
  }
}
