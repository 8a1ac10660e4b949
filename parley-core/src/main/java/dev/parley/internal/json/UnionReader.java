package dev.parley.internal.json;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.parley.internal.schema.Union;
import java.io.Serial;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.exc.InvalidTypeIdException;
import tools.jackson.databind.jsontype.TypeDeserializer;
import tools.jackson.databind.jsontype.TypeIdResolver;
import tools.jackson.databind.jsontype.impl.AsPropertyTypeDeserializer;
import tools.jackson.databind.util.TokenBuffer;

/**
 * Reads a {@link Union} strictly: only a JSON object, whose {@code "type"} property, anywhere in
 * it, is a string naming a variant; the properties before it are buffered and handed to the
 * variant record with the rest. Jackson's own reader also takes a {@code ["Circle", {…}]} array
 * and a number or boolean as a name, which a strict contract refuses.
 *
 * <p>A missing name ({@code null} counts as missing) or an unknown one fails as Jackson's {@link
 * InvalidTypeIdException}, a name that is not a string as {@link NotAString}; {@link #issue} words
 * all three for the caller.
 */
final class UnionReader extends AsPropertyTypeDeserializer {
  UnionReader(JavaType union, TypeIdResolver names) {
    super(union, names, Union.DISCRIMINATOR, false, null, JsonTypeInfo.As.EXISTING_PROPERTY, true);
  }

  private UnionReader(UnionReader base, @Nullable BeanProperty property) {
    super(base, property);
  }

  @Override
  public TypeDeserializer forProperty(@Nullable BeanProperty property) {
    return property == _property ? this : new UnionReader(this, property);
  }

  @Override
  public Object deserializeTypedFromObject(JsonParser p, DeserializationContext ctxt) {
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_OBJECT) {
      t = p.nextToken();
    } else if (t != JsonToken.PROPERTY_NAME) {
      return ctxt.handleUnexpectedToken(_baseType, p);
    }
    TokenBuffer before = null;
    for (; t == JsonToken.PROPERTY_NAME; t = p.nextToken()) {
      String name = p.currentName();
      JsonToken value = p.nextToken();
      if (name.equals(_typePropertyName) && value != JsonToken.VALUE_NULL) {
        if (value != JsonToken.VALUE_STRING) {
          throw new NotAString(p, _baseType);
        }
        return _deserializeTypedForId(p, ctxt, before, p.getString());
      }
      if (before == null) {
        before = ctxt.bufferForInputBuffering(p);
      }
      before.writeName(name);
      before.copyCurrentStructure(p);
    }
    return _deserializeTypedUsingDefaultImpl(p, ctxt, before, _msgForMissingId);
  }

  @Override
  public Object deserializeTypedFromAny(JsonParser p, DeserializationContext ctxt) {
    return deserializeTypedFromObject(p, ctxt);
  }

  @Override
  public Object deserializeTypedFromArray(JsonParser p, DeserializationContext ctxt) {
    return deserializeTypedFromObject(p, ctxt);
  }

  @Override
  public Object deserializeTypedFromScalar(JsonParser p, DeserializationContext ctxt) {
    return deserializeTypedFromObject(p, ctxt);
  }

  /** The message of a bad discriminator (missing, unknown, not a string), in {@link Union}'s words. */
  static String issue(InvalidTypeIdException e) {
    JavaType base = e.getBaseType();
    if (base == null || !Union.isUnion(base.getRawClass())) {
      return "is not one of the known variants";
    }
    Union union = Union.of(base.getRawClass());
    if (e instanceof NotAString) {
      return union.nameNotAString();
    }
    String id = e.getTypeId();
    return id == null ? union.missingName() : union.unknownName(id);
  }

  /** A discriminator that is present, not {@code null}, and not a string. */
  static final class NotAString extends InvalidTypeIdException {
    @Serial private static final long serialVersionUID = 1L;

    NotAString(JsonParser p, JavaType union) {
      super(p, "type id property '" + Union.DISCRIMINATOR + "' is not a string", union, null);
    }
  }
}
