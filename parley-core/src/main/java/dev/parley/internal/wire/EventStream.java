package dev.parley.internal.wire;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.ByteArrayOutputStream;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * tRPC v11's subscriptions over Server-Sent Events ({@code httpSubscriptionLink}), written by the
 * server and read by the Java client: a {@code connected} event first (its data the client's
 * options), one unnamed event per value ({@code data:} the value's JSON, {@code id:} its event id
 * when tracked), {@code ping} events while idle, and at the end a {@code return} event (completed)
 * or a {@code serialized-error} event (data: the error shape of {@link Envelopes#errorShape}).
 */
public final class EventStream {
  /** The media type of an event stream. */
  public static final String MEDIA_TYPE = "text/event-stream";
  /** The first event: the stream is open; its data holds the client's options. */
  public static final String CONNECTED = "connected";
  /** A keep-alive event with empty data. */
  public static final String PING = "ping";
  /** The last event of a subscription that completed. */
  public static final String RETURN = "return";
  /** The last event of a subscription that failed; its data is the error shape. */
  public static final String ERROR = "serialized-error";
  /** The request header with which EventSource resumes. */
  public static final String LAST_EVENT_ID_HEADER = "last-event-id";
  /** The headers of an event stream answer (names in lower case). */
  public static final Map<String, String> HEADERS = Map.of("content-type", MEDIA_TYPE,
      "cache-control", "no-cache, no-transform", "x-accel-buffering", "no");

  private static final byte[] PING_BYTES = event(PING, new byte[0], null);
  private static final byte[] RETURN_BYTES = event(RETURN, new byte[0], null);

  private EventStream() {}

  /**
   * The {@code connected} event, telling the client to reconnect after {@code
   * reconnectAfterInactivityMs} of silence (0 leaves it to the client).
   */
  public static byte[] connected(long reconnectAfterInactivityMs) {
    String options = reconnectAfterInactivityMs > 0
        ? "{\"reconnectAfterInactivityMs\":" + reconnectAfterInactivityMs + "}" : "{}";
    return event(CONNECTED, options.getBytes(UTF_8), null);
  }

  /** A {@code ping} event. */
  public static byte[] ping() {
    return PING_BYTES.clone();
  }

  /** The {@code return} event. */
  public static byte[] completed() {
    return RETURN_BYTES.clone();
  }

  /** The {@code serialized-error} event of an error shape. */
  public static byte[] failed(byte[] errorShape) {
    return event(ERROR, errorShape, null);
  }

  /** A value's event: its JSON (one line), tracked by {@code id} when not null. */
  public static byte[] value(byte[] json, @Nullable String id) {
    return event(null, json, id);
  }

  /**
   * Whether {@code id} can be an event id: at most 128 characters and no line break or NUL, which
   * the stream's framing and EventSource would not keep.
   */
  public static boolean isValidId(String id) {
    if (id.length() > 128) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c == '\n' || c == '\r' || c == 0) {
        return false;
      }
    }
    return true;
  }

  private static byte[] event(@Nullable String name, byte[] data, @Nullable String id) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + 32);
    if (name != null) {
      out.writeBytes(("event: " + name + "\n").getBytes(UTF_8));
    }
    out.writeBytes("data: ".getBytes(UTF_8));
    out.writeBytes(data);
    out.write('\n');
    if (id != null) {
      out.writeBytes(("id: " + id + "\n").getBytes(UTF_8));
    }
    out.write('\n');
    return out.toByteArray();
  }

  /**
   * One event as a reader assembles it from lines.
   *
   * @param name its {@code event:} name; {@code "message"} when it has none
   * @param data its {@code data:} lines joined by line breaks
   * @param id its {@code id:}, or null when it set none
   */
  public record Event(String name, String data, @Nullable String id) {}

  /**
   * Assembles events from an event stream's lines, as EventSource does: {@code field: value}
   * lines accumulate until a blank line ends the event; comments ({@code :…}) are skipped. Not
   * thread-safe: one per stream.
   */
  public static final class Reader {
    private @Nullable String name;
    private @Nullable StringBuilder data;
    private @Nullable String id;

    /** Reads one line (without its line break); returns the event it ends, or null. */
    public @Nullable Event line(String line) {
      if (line.isEmpty()) {
        if (data == null) {
          name = null;
          id = null;
          return null;
        }
        Event e = new Event(name == null ? "message" : name, data.toString(), id);
        name = null;
        data = null;
        id = null;
        return e;
      }
      if (line.charAt(0) == ':') {
        return null;
      }
      int colon = line.indexOf(':');
      String field = colon < 0 ? line : line.substring(0, colon);
      String value = colon < 0 ? "" : line.substring(colon + 1);
      if (value.startsWith(" ")) {
        value = value.substring(1);
      }
      switch (field) {
        case "event" -> name = value;
        case "data" -> {
          if (data == null) {
            data = new StringBuilder(value);
          } else {
            data.append('\n').append(value);
          }
        }
        case "id" -> id = value.indexOf(0) >= 0 ? id : value;
        default -> { } // retry and unknown fields: ignored
      }
      return null;
    }
  }
}
