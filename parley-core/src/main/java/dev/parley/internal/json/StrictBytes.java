package dev.parley.internal.json;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.BeanProperty;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.jdk.NumberDeserializers;
import tools.jackson.databind.module.SimpleModule;

/**
 * Reads a {@code byte} only from an integer in its range, -128 to 127. Jackson's own reader also
 * takes 128 to 255, as an unsigned byte, so that {@code 200} would read as -56; here any integer
 * out of range fails as {@link InputCoercionException}, as it does for the other integer types.
 * Everything else (another JSON type, {@code null}) is Jackson's own reader's to judge.
 */
final class StrictBytes extends NumberDeserializers.ByteDeserializer {
  private StrictBytes(Class<Byte> type, @Nullable Byte nullValue) {
    super(type, nullValue);
  }

  /** A module that reads {@code byte} and {@code Byte} strictly. */
  static SimpleModule module() {
    SimpleModule m = new SimpleModule("parley-strict-bytes");
    m.addDeserializer(byte.class, new StrictBytes(byte.class, (byte) 0));
    m.addDeserializer(Byte.class, new StrictBytes(Byte.class, null));
    return m;
  }

  @Override
  public Byte deserialize(JsonParser p, DeserializationContext ctxt) {
    if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
      return super.deserialize(p, ctxt);
    }
    if (p.getNumberType() == JsonParser.NumberType.INT) {
      int value = p.getIntValue();
      if (value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE) {
        return (byte) value;
      }
    }
    throw new InputCoercionException(
        p, "integer out of the range of a byte", JsonToken.VALUE_NUMBER_INT, handledType());
  }

  @Override
  public ValueDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
    return this;
  }
}
