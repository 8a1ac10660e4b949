package dev.parley.server.internal;

import dev.parley.Issue;
import dev.parley.Schema;
import dev.parley.internal.json.JsonCodec;
import java.lang.reflect.Type;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A subscription's values as its transports send them: checked against the output schema, encoded
 * to JSON, framed for a wire. A value that many subscribers send (a fan-out's: the same object
 * handed to each of their sinks) is checked, encoded and framed once, the results kept by the
 * value's identity; a value its sink sent just before (a handler that changes one object and
 * sends it again) is never taken from what was kept. One per subscription of the contract;
 * thread-safe.
 */
public final class Values {
  private final Type type;
  private final Schema<Object> schema;
  private final JsonCodec codec;
  private final Recent<List<Issue>> checked = new Recent<>();
  private final Recent<byte[]> encoded = new Recent<>();
  private final Recent<byte[]> framed = new Recent<>();

  @SuppressWarnings("unchecked")
  Values(Schema<?> schema, JsonCodec codec) {
    this.type = schema.type();
    this.schema = (Schema<Object>) schema;
    this.codec = codec;
  }

  /** The values' type. */
  public Type type() {
    return type;
  }

  /**
   * The issues of {@code value} against the output schema; none when it is valid.
   *
   * @param shared whether a result kept for the same object may be used
   */
  List<Issue> check(@Nullable Object value, boolean shared) {
    if (value == null || !shared) {
      return schema.validate(value);
    }
    return checked.get(value, null, null, () -> schema.validate(value));
  }

  /**
   * The JSON of {@code value}.
   *
   * @param shared whether a result kept for the same object may be used
   */
  public byte[] json(@Nullable Object value, boolean shared) {
    if (value == null || !shared) {
      return codec.encode(type, value);
    }
    return encoded.get(value, null, null, () -> codec.encode(type, value));
  }

  /**
   * {@code json} framed by {@code framing} with {@code eventId}: what {@link #json} returned, so
   * that the same array, framed again the same way, is framed once.
   *
   * @param framing compared by identity: one constant per wire
   */
  public byte[] frame(byte[] json, @Nullable String eventId, Framing framing, boolean shared) {
    if (!shared) {
      return framing.frame(json, eventId);
    }
    return framed.get(json, eventId, framing, () -> framing.frame(json, eventId));
  }

  /** How one wire frames a value's JSON with its event id. */
  @FunctionalInterface
  public interface Framing {
    /** The frame (or the part of it that is the same for every subscriber). */
    byte[] frame(byte[] json, @Nullable String eventId);
  }
}
