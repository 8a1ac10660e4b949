package dev.parley.internal.json;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.parley.internal.schema.Union;
import java.util.Collection;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.jsontype.NamedType;
import tools.jackson.databind.jsontype.TypeDeserializer;
import tools.jackson.databind.jsontype.impl.StdTypeResolverBuilder;

/**
 * The type handling of a {@link Union}, as Jackson's {@code @JsonTypeInfo(use = NAME, include =
 * EXISTING_PROPERTY, property = "type")} would declare it: written by Jackson's writer of an
 * existing property (the variant record writes its name itself), read by the strict {@link
 * UnionReader}. A new instance per use, as Jackson configures it in place.
 */
final class UnionResolver extends StdTypeResolverBuilder {
  /** The settings of every union: names in {@code "type"}, required, no default variant. */
  static final JsonTypeInfo.Value SETTINGS = JsonTypeInfo.Value.construct(JsonTypeInfo.Id.NAME,
      JsonTypeInfo.As.EXISTING_PROPERTY, Union.DISCRIMINATOR, null, false, Boolean.TRUE);

  UnionResolver() {
    super(SETTINGS);
  }

  @Override
  public TypeDeserializer buildTypeDeserializer(
      DeserializationContext ctxt, JavaType baseType, Collection<NamedType> subtypes) {
    return new UnionReader(
        baseType, idResolver(ctxt, baseType, subTypeValidator(ctxt), subtypes, false, true));
  }
}
