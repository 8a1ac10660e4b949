package dev.parley.internal.wire;

import dev.parley.internal.json.JsonCodec;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;

/**
 * tRPC v11's WebSocket messages ({@code wsLink}), written and read by the server and the Java
 * client. Text frames of JSON: one message, or several as an array.
 *
 * <p>Client to server: {@code {"id":1,"method":"query"|"mutation"|"subscription","params":{"path":
 * "todos.list","input":…,"lastEventId":"7"}}}; {@code {"id":1,"method":"subscription.stop"}};
 * first, when the URL says {@code connectionParams=1}, {@code {"method":"connectionParams","data":
 * {…}}}; and the bare texts {@code PING} and {@code PONG}.
 *
 * <p>Server to client, each naming the request's {@code id} as it was sent: {@code {"id":1,"result":
 * {"type":"data","data":…}}} (with {@code "resources":[…]} for a mutation, as over HTTP); for a
 * subscription {@code {"type":"started"}}, then a {@code data} result per value (a tracked one as
 * {@code {"type":"data","id":"7","data":{"id":"7","data":…}}}), then {@code {"type":"stopped"}};
 * errors as {@code {"id":1,"error":{shape}}} ({@code "id":null} for a frame that names none); and
 * {@code {"id":null,"method":"reconnect"}} when the server goes away.
 */
public final class SocketMessages {
  /** The text a client sends to learn the connection is alive. */
  public static final String PING = "PING";
  /** The answer to {@link #PING}. */
  public static final String PONG = "PONG";
  /** The method that stops a subscription. */
  public static final String STOP = "subscription.stop";
  /** The method of the first message, carrying the connection's parameters. */
  public static final String CONNECTION_PARAMS = "connectionParams";
  /** The method the server sends to ask clients to reconnect. */
  public static final String RECONNECT = "reconnect";
  /** The query parameter that tells the server a {@code connectionParams} message comes first. */
  public static final String CONNECTION_PARAMS_QUERY = "connectionParams=1";

  private static final byte[] OPEN = ascii("{\"id\":");

  private final JsonCodec codec;

  /** Messages whose values are written with {@code codec}. */
  public SocketMessages(JsonCodec codec) {
    this.codec = codec;
  }

  // ---- server to client ----

  /**
   * A {@code data} result.
   *
   * @param id the request's id, as raw JSON ({@code 1}, {@code "a"})
   * @param data the value's JSON, or null for none
   * @param eventId the value's event id when tracked, else null
   * @param resources a mutation's resources, written sorted; null for none
   */
  public static byte[] data(byte[] id, byte @Nullable [] data, @Nullable String eventId,
      @Nullable Collection<String> resources) {
    return withId(id, dataTail(data, eventId, resources, -1));
  }

  /**
   * A query's {@code data} result with its resources and the server's invalidation sequence when
   * its handler started: {@code "seq":42} after {@code resources}.
   */
  public static byte[] data(byte[] id, byte @Nullable [] data,
      @Nullable Collection<String> resources, long seq) {
    return withId(id, dataTail(data, null, resources, seq));
  }

  /**
   * A subscription value's {@code data} result without its request id: the same for every
   * subscriber of one value, to be completed by {@link #withId}.
   *
   * @param data the value's JSON
   * @param eventId the value's event id when tracked, else null
   */
  public static byte[] valueTail(byte[] data, @Nullable String eventId) {
    return dataTail(data, eventId, null, -1);
  }

  /** The message made of {@code tail} ({@link #valueTail}) for the request {@code id}. */
  public static byte[] withId(byte[] id, byte[] tail) {
    byte[] message = new byte[OPEN.length + id.length + tail.length];
    System.arraycopy(OPEN, 0, message, 0, OPEN.length);
    System.arraycopy(id, 0, message, OPEN.length, id.length);
    System.arraycopy(tail, 0, message, OPEN.length + id.length, tail.length);
    return message;
  }

  /** A data result after {@code {"id":…} (from its comma on). */
  private static byte[] dataTail(byte @Nullable [] data, @Nullable String eventId,
      @Nullable Collection<String> resources, long seq) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(
        32 + (data == null ? 0 : data.length) + (eventId == null ? 0 : 48));
    out.writeBytes(ascii(",\"result\":{\"type\":\"data\""));
    if (eventId != null) {
      byte[] quoted = quote(eventId);
      out.writeBytes(ascii(",\"id\":"));
      out.writeBytes(quoted);
      out.writeBytes(ascii(",\"data\":{\"id\":"));
      out.writeBytes(quoted);
      if (data != null) {
        out.writeBytes(ascii(",\"data\":"));
        out.writeBytes(data);
      }
      out.write('}');
    } else if (data != null) {
      out.writeBytes(ascii(",\"data\":"));
      out.writeBytes(data);
    }
    if (resources != null) {
      out.writeBytes(ascii(",\"resources\":["));
      boolean first = true;
      for (String r : new TreeSet<>(resources)) {
        if (!first) {
          out.write(',');
        }
        out.writeBytes(quote(r));
        first = false;
      }
      out.write(']');
      if (seq >= 0) {
        out.writeBytes(ascii(",\"seq\":" + seq));
      }
    }
    out.writeBytes(ascii("}}"));
    return out.toByteArray();
  }

  /** The {@code started} result of a subscription. */
  public static byte[] started(byte[] id) {
    return typed(id, "started");
  }

  /** The {@code stopped} result of a subscription. */
  public static byte[] stopped(byte[] id) {
    return typed(id, "stopped");
  }

  /** An error answer; {@code id} is {@code null} (the JSON literal) when the frame named none. */
  public byte[] error(byte[] id, WireError error) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    open(out, id);
    out.writeBytes(ascii("\"error\":"));
    try (JsonGenerator g = codec.generator(out)) {
      Envelopes.writeShape(g, error);
    }
    out.write('}');
    return out.toByteArray();
  }

  /** The request the server sends before it goes away. */
  public static byte[] reconnect() {
    return ascii("{\"id\":null,\"method\":\"reconnect\"}");
  }

  /** The raw JSON of {@code id} as a message names it, or {@code null} when it names none. */
  public byte[] id(@Nullable JsonNode id) {
    return id == null || id.isMissingNode() ? ascii("null") : codec.encode(id);
  }

  private static byte[] typed(byte[] id, String type) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(48 + id.length);
    open(out, id);
    out.writeBytes(ascii("\"result\":{\"type\":\"" + type + "\"}}"));
    return out.toByteArray();
  }

  private static void open(ByteArrayOutputStream out, byte[] id) {
    out.writeBytes(OPEN);
    out.writeBytes(id);
    out.write(',');
  }

  // ---- client to server ----

  /**
   * A request.
   *
   * @param id the request's id
   * @param method {@code query}, {@code mutation} or {@code subscription}
   * @param input the input's JSON, or null for none
   * @param lastEventId a resuming subscription's last event id, else null
   */
  public byte[] request(long id, String method, String path, byte @Nullable [] input,
      @Nullable String lastEventId) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 + (input == null ? 0 : input.length));
    out.writeBytes(ascii("{\"id\":" + id + ",\"method\":"));
    out.writeBytes(quote(method));
    out.writeBytes(ascii(",\"params\":{\"path\":"));
    out.writeBytes(quote(path));
    if (input != null) {
      out.writeBytes(ascii(",\"input\":"));
      out.writeBytes(input);
    }
    if (lastEventId != null) {
      out.writeBytes(ascii(",\"lastEventId\":"));
      out.writeBytes(quote(lastEventId));
    }
    out.writeBytes(ascii("}}"));
    return out.toByteArray();
  }

  /** The stop of subscription {@code id}. */
  public static byte[] stop(long id) {
    return ascii("{\"id\":" + id + ",\"method\":\"" + STOP + "\"}");
  }

  /** The first message, carrying {@code params}. */
  public byte[] connectionParams(Map<String, String> params) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64);
    out.writeBytes(ascii("{\"method\":\"" + CONNECTION_PARAMS + "\",\"data\":"));
    out.writeBytes(codec.encode(params));
    out.write('}');
    return out.toByteArray();
  }

  // ---- reading ----

  /**
   * Whether a connection's URL query ({@code a=1&connectionParams=1}, raw) announces that a
   * {@code connectionParams} message comes first, as {@code wsLink} does when given some.
   */
  public static boolean announcesConnectionParams(String query) {
    int start = 0;
    while (start <= query.length()) {
      int amp = query.indexOf('&', start);
      int end = amp < 0 ? query.length() : amp;
      if (query.startsWith(CONNECTION_PARAMS_QUERY, start)
          && start + CONNECTION_PARAMS_QUERY.length() == end) {
        return true;
      }
      start = end + 1;
    }
    return false;
  }

  /**
   * The parameters of a {@code connectionParams} message: its {@code data}, an object of strings,
   * or {@code null} for none (an empty map).
   *
   * @throws IllegalArgumentException saying why, when {@code message} is not a {@code
   *     connectionParams} message or its data is not an object of strings
   */
  public static Map<String, String> connectionParams(JsonNode message) {
    if (!message.isObject() || !CONNECTION_PARAMS.equals(text(message.get("method")))) {
      throw new IllegalArgumentException(
          "the first message must be {\"method\":\"connectionParams\",\"data\":{…}}");
    }
    JsonNode data = message.get("data");
    if (data == null || data.isNull()) {
      return Map.of();
    }
    if (!data.isObject()) {
      throw new IllegalArgumentException("connectionParams data must be an object of strings");
    }
    Map<String, String> params = new java.util.LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : data.properties()) {
      if (!e.getValue().isString()) {
        throw new IllegalArgumentException("connectionParams data must be an object of strings: \""
            + e.getKey() + "\" is not a string");
      }
      params.put(e.getKey(), e.getValue().stringValue());
    }
    return params;
  }

  /**
   * The messages of one frame's JSON: the elements of an array, or the value itself.
   */
  public static List<JsonNode> messages(JsonNode frame) {
    if (!frame.isArray()) {
      return List.of(frame);
    }
    List<JsonNode> all = new ArrayList<>(frame.size());
    frame.forEach(all::add);
    return all;
  }

  /**
   * One message a client sent, as the server reads it.
   *
   * @param id the request's id ({@code null} when it names none)
   * @param method its method
   * @param path the procedure's name ({@code params.path}), null when absent
   * @param input the input ({@code params.input}), null when absent
   * @param lastEventId {@code params.lastEventId}, null when absent
   */
  public record Request(@Nullable JsonNode id, @Nullable String method, @Nullable String path,
      @Nullable JsonNode input, @Nullable String lastEventId) {

    /** Reads {@code message}; fields of the wrong type read as absent. */
    public static Request read(JsonNode message) {
      JsonNode id = message.get("id");
      JsonNode params = message.get("params");
      JsonNode input = params != null && params.isObject() ? params.get("input") : null;
      return new Request(id == null || id.isNull() ? null : id, text(message.get("method")),
          params != null ? text(params.get("path")) : null, input,
          params != null ? text(params.get("lastEventId")) : null);
    }
  }

  /** One message the server sent, as the client reads it. */
  public sealed interface Response {
    /** The request's id as sent, or null. */
    @Nullable JsonNode id();

    /** {@code {"type":"started"}}. */
    record Started(@Nullable JsonNode id) implements Response {}

    /** {@code {"type":"stopped"}}. */
    record Stopped(@Nullable JsonNode id) implements Response {}

    /**
     * {@code {"type":"data"}}: the value (unwrapped from a tracked value's envelope), its event id
     * a mutation's resources, and a query's {@code seq} (-1 when none).
     */
    record Data(@Nullable JsonNode id, @Nullable JsonNode data, @Nullable String eventId,
        Set<String> resources, long seq) implements Response {
      /** A value without {@code seq}. */
      public Data(@Nullable JsonNode id, @Nullable JsonNode data, @Nullable String eventId,
          Set<String> resources) {
        this(id, data, eventId, resources, -1);
      }
    }

    /** {@code {"error":…}}. */
    record Failure(@Nullable JsonNode id, WireError error) implements Response {}

    /** {@code {"method":"reconnect"}}. */
    record Reconnect(@Nullable JsonNode id) implements Response {}

    /** Anything else. */
    record Unreadable(@Nullable JsonNode id, String why) implements Response {}

    /** Reads {@code message}. */
    static Response read(JsonNode message) {
      JsonNode raw = message.get("id");
      JsonNode id = raw == null || raw.isNull() ? null : raw;
      if (RECONNECT.equals(text(message.get("method")))) {
        return new Reconnect(id);
      }
      if (message.get("error") instanceof JsonNode error && error.isObject()) {
        return new Failure(id, Envelopes.error(error, 500));
      }
      if (!(message.get("result") instanceof JsonNode result) || !result.isObject()) {
        return new Unreadable(id, "has neither \"result\" nor \"error\"");
      }
      String type = text(result.get("type"));
      if ("started".equals(type)) {
        return new Started(id);
      }
      if ("stopped".equals(type)) {
        return new Stopped(id);
      }
      if (type != null && !"data".equals(type)) {
        return new Unreadable(id, "has the result type \"" + type + "\"");
      }
      String eventId = text(result.get("id"));
      JsonNode data = result.get("data");
      if (eventId != null && data != null && data.isObject()) {
        data = data.get("data");
      }
      Set<String> resources = new java.util.LinkedHashSet<>();
      if (result.get("resources") instanceof JsonNode r && r.isArray()) {
        r.forEach(n -> {
          if (n.isString()) {
            resources.add(n.stringValue());
          }
        });
      }
      return new Data(id, data, eventId, resources, Envelopes.seq(result));
    }
  }

  private static @Nullable String text(@Nullable JsonNode node) {
    return node != null && node.isString() ? node.stringValue() : null;
  }

  private static byte[] quote(String s) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length() + 2);
    out.write('"');
    out.writeBytes(tools.jackson.core.io.JsonStringEncoder.getInstance().quoteAsUTF8(s));
    out.write('"');
    return out.toByteArray();
  }

  private static byte[] ascii(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
  }
}
