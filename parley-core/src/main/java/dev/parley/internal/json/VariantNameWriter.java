package dev.parley.internal.json;

import dev.parley.internal.schema.Union;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.PropertyName;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.AnnotatedClass;
import tools.jackson.databind.introspect.BeanPropertyDefinition;
import tools.jackson.databind.introspect.VirtualAnnotatedMember;
import tools.jackson.databind.ser.VirtualBeanPropertyWriter;
import tools.jackson.databind.util.Annotations;
import tools.jackson.databind.util.SimpleBeanPropertyDefinition;

/**
 * The {@code "type"} property of a variant record: its name, written by the record's own
 * serializer. A union's type serializer would write it only where the declared type is the union;
 * this writes it wherever the record goes, also at the root or inside an untyped {@code List}, as
 * when a server writes an output by its runtime class.
 */
final class VariantNameWriter extends VirtualBeanPropertyWriter {
  private static final long serialVersionUID = 1L;

  private final String name;

  private VariantNameWriter(
      BeanPropertyDefinition property, Annotations annotations, JavaType type, String name) {
    super(property, annotations, type);
    this.name = name;
  }

  /** The writer of {@code name} for the variant record {@code record}. */
  static VariantNameWriter of(MapperConfig<?> config, AnnotatedClass record, String name) {
    JavaType string = config.constructType(String.class);
    VirtualAnnotatedMember member =
        new VirtualAnnotatedMember(record, record.getRawType(), Union.DISCRIMINATOR, string);
    BeanPropertyDefinition property = SimpleBeanPropertyDefinition.construct(
        config, member, PropertyName.construct(Union.DISCRIMINATOR));
    return new VariantNameWriter(property, record.getAnnotations(), string, name);
  }

  @Override
  protected Object value(Object bean, JsonGenerator g, SerializationContext ctxt) {
    return name;
  }

  @Override
  public VirtualBeanPropertyWriter withConfig(MapperConfig<?> config, AnnotatedClass declaringClass,
      BeanPropertyDefinition property, JavaType type) {
    return new VariantNameWriter(property, declaringClass.getAnnotations(), type, name);
  }
}
