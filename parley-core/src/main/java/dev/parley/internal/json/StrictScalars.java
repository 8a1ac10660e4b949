package dev.parley.internal.json;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.ToStringSerializer;

/**
 * The scalars Parley writes as strings, read only from JSON strings in their one canonical form:
 * ISO-8601 for {@code java.time} values, the 36-character form for UUIDs. Jackson's own readers
 * also take epoch numbers and arrays, which a strict contract must refuse.
 */
final class StrictScalars {
  private static final Pattern UUID_FORM =
      Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private StrictScalars() {}

  /** A module that reads and writes the strict scalars. */
  static SimpleModule module() {
    SimpleModule m = new SimpleModule("parley-strict-scalars");
    add(m, Instant.class, Instant::parse);
    add(m, LocalDate.class, LocalDate::parse);
    add(m, LocalDateTime.class, LocalDateTime::parse);
    add(m, OffsetDateTime.class, OffsetDateTime::parse);
    add(m, Duration.class, Duration::parse);
    add(m, UUID.class, StrictScalars::uuid);
    return m;
  }

  private static <T> void add(SimpleModule m, Class<T> type, Function<String, T> parse) {
    m.addDeserializer(type, new FromString<>(type, parse));
    m.addSerializer(type, ToStringSerializer.instance);
  }

  private static UUID uuid(String text) {
    if (!UUID_FORM.matcher(text).matches()) {
      throw new IllegalArgumentException("not a UUID");
    }
    return UUID.fromString(text);
  }

  private static final class FromString<T> extends ValueDeserializer<T> {
    private final Class<T> type;
    private final Function<String, T> parse;

    FromString(Class<T> type, Function<String, T> parse) {
      this.type = type;
      this.parse = parse;
    }

    @Override
    public Class<?> handledType() {
      return type;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T deserialize(JsonParser p, DeserializationContext ctxt) {
      if (p.currentToken() != JsonToken.VALUE_STRING) {
        return (T) ctxt.handleUnexpectedToken(type, p);
      }
      String text = p.getString();
      try {
        return parse.apply(text);
      } catch (RuntimeException e) {
        return (T) ctxt.handleWeirdStringValue(type, text, "not in ISO-8601 form");
      }
    }
  }
}
