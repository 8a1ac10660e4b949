package dev.parley.internal.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.databind.JsonNode;

/**
 * Parley's own WebSocket messages, beside tRPC's in the same JSON envelope: their {@code method}
 * is in the {@code parley.} namespace, so that later kinds (events, topics, channels, client
 * procedures) are more methods of it. A connection uses them only after its client said {@code
 * parley.hello}; a plain {@code wsLink} client never sends one, so it never receives any.
 *
 * <p>Client to server: {@code {"method":"parley.hello","params":{"version":1}}}; {@code
 * {"method":"parley.watch","params":{"resources":["todos","todo/*"]}}} and {@code
 * "parley.unwatch"} alike. A watch may say {@code "since":42}, the {@code seq} of the query answer
 * that made the client watch (see {@link #since}). An {@code "id"} (as tRPC's) is optional: a
 * refusal names it.
 *
 * <p>Server to client: the answer to a hello, {@code {"method":"parley.hello","params":{"version":1,
 * "maxWatched":1000,"maxResourceChars":256}}}, and {@code {"method":"parley.invalidate","params":
 * {"resources":["todo/2","todos"]}}}, the resources (sorted) that changed and overlap what the
 * connection watches.
 *
 * <p>Events and client procedures: the server sends {@code parley.event} ({@code {"name":…,
 * "payload":…}}) and {@code parley.call} ({@code {"call":7,"name":…,"input":…}}); the client sends
 * {@code parley.emit} ({@code {"name":…,"payload":…}}), {@code parley.register} ({@code
 * {"procedures":[…]}}) and {@code parley.answer} ({@code {"call":7,"output":…}} or {@code {"call":7,
 * "error":{"code":…,"message":…}}}). {@code docs/protocol.md} describes each.
 */
public final class ParleyMessages {
  /** The namespace of Parley's methods. */
  public static final String NAMESPACE = "parley.";
  /** The first Parley message of a connection. */
  public static final String HELLO = "parley.hello";
  /** Adds resources to what a connection watches. */
  public static final String WATCH = "parley.watch";
  /** Takes resources off what a connection watches. */
  public static final String UNWATCH = "parley.unwatch";
  /** The server's message: resources a connection watches changed. */
  public static final String INVALIDATE = "parley.invalidate";
  /** The server's message: a server event's payload, for a connection it picked. */
  public static final String EVENT = "parley.event";
  /** The client's message: a one-way client event, never answered. */
  public static final String EMIT = "parley.emit";
  /** The client's message: the client procedures it implements from now on, on this connection. */
  public static final String REGISTER = "parley.register";
  /** The server's message: a call of a client procedure, answered by {@link #ANSWER}. */
  public static final String CALL = "parley.call";
  /** The client's message: the answer to a {@link #CALL}, an output or an error. */
  public static final String ANSWER = "parley.answer";
  /** Opens a channel connection: a channel's name, its params and its connect request. */
  public static final String CONNECT = "parley.connect";
  /** The server's answer to a connect that {@code onConnect} accepted: the connection's token. */
  public static final String CONNECTED = "parley.connected";
  /** A client's message on a channel connection, naming its token. */
  public static final String SEND = "parley.send";
  /** Leaves a channel connection, naming its token. */
  public static final String LEAVE = "parley.leave";
  /** A server's message on a channel connection, naming its token. */
  public static final String MESSAGE = "parley.message";
  /** Subscribes to a topic with params, maybe after a last event id; its id names it. */
  public static final String SUBSCRIBE = "parley.subscribe";
  /** The server's answer to a subscribe: the params the subscription got. */
  public static final String SUBSCRIBED = "parley.subscribed";
  /** Ends the topic subscription its id names. */
  public static final String UNSUBSCRIBE = "parley.unsubscribe";
  /** A topic's message to the subscription its id names. */
  public static final String PUBLISH = "parley.publish";
  /** Sets a client-writable shared state; answered with the same method and the new version. */
  public static final String SET = "parley.set";
  /** The version of these messages this build speaks. */
  public static final int VERSION = 1;

  private ParleyMessages() {}

  /** Whether {@code method} is one of Parley's (in its namespace). */
  public static boolean isParley(@Nullable String method) {
    return method != null && method.startsWith(NAMESPACE);
  }

  // ---- client to server ----

  /** The client's hello. */
  public static String hello() {
    return "{\"method\":\"" + HELLO + "\",\"params\":{\"version\":" + VERSION
        + ",\"arrays\":true}}";
  }

  /** A {@code parley.watch} (or, when {@code unwatch}, {@code parley.unwatch}) of {@code names}. */
  public static String watch(Collection<String> names, boolean unwatch) {
    return "{\"method\":\"" + (unwatch ? UNWATCH : WATCH) + "\",\"params\":{\"resources\":"
        + new String(array(names), StandardCharsets.UTF_8) + "}}";
  }

  /**
   * A {@code parley.watch} of {@code names} with {@code "since":since}, the {@code seq} of the
   * answer that made the client watch them (none when negative): the server then pushes at once
   * the invalidations of them it delivered after that.
   */
  public static String watch(Collection<String> names, long since) {
    return "{\"method\":\"" + WATCH + "\",\"params\":{\"resources\":"
        + new String(array(names), StandardCharsets.UTF_8)
        + (since >= 0 ? ",\"since\":" + since : "") + "}}";
  }

  /**
   * A {@code parley.emit} of the client event {@code name} with its payload's JSON ({@code null}
   * for none).
   */
  public static String emit(String name, byte @Nullable [] payload) {
    return "{\"method\":\"" + EMIT + "\",\"params\":{\"name\":" + quote(name) + ",\"payload\":"
        + (payload == null ? "null" : new String(payload, StandardCharsets.UTF_8)) + "}}";
  }

  /** A {@code parley.register} of the client procedures named {@code names}, sorted. */
  public static String register(Collection<String> names) {
    return "{\"method\":\"" + REGISTER + "\",\"params\":{\"procedures\":"
        + new String(array(names), StandardCharsets.UTF_8) + "}}";
  }

  /** A {@code parley.answer} to call {@code call} with the output's JSON ({@code null} for none). */
  public static String answer(long call, byte @Nullable [] output) {
    return "{\"method\":\"" + ANSWER + "\",\"params\":{\"call\":" + call + ",\"output\":"
        + (output == null ? "null" : new String(output, StandardCharsets.UTF_8)) + "}}";
  }

  /** A {@code parley.answer} to call {@code call} with an error of {@code code} and {@code message}. */
  public static String answerError(long call, String code, String message) {
    return "{\"method\":\"" + ANSWER + "\",\"params\":{\"call\":" + call
        + ",\"error\":{\"code\":" + quote(code) + ",\"message\":" + quote(message) + "}}}";
  }

  // ---- server to client ----

  /**
   * A {@code parley.event} of the server event {@code name} with its payload's JSON: made once
   * for every connection it goes to.
   */
  public static byte[] event(String name, byte[] payload) {
    byte[] head = ("{\"method\":\"" + EVENT + "\",\"params\":{\"name\":" + quote(name)
        + ",\"payload\":").getBytes(StandardCharsets.UTF_8);
    byte[] message = new byte[head.length + payload.length + 2];
    System.arraycopy(head, 0, message, 0, head.length);
    System.arraycopy(payload, 0, message, head.length, payload.length);
    message[message.length - 2] = '}';
    message[message.length - 1] = '}';
    return message;
  }

  /** A {@code parley.call} of the client procedure {@code name}, numbered {@code call}. */
  public static byte[] call(long call, String name, byte @Nullable [] input) {
    return ("{\"method\":\"" + CALL + "\",\"params\":{\"call\":" + call + ",\"name\":"
        + quote(name) + ",\"input\":"
        + (input == null ? "null" : new String(input, StandardCharsets.UTF_8)) + "}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /** The server's answer to a hello, with its limits. */
  public static byte[] helloAnswer(int maxWatched, int maxResourceChars) {
    return ("{\"method\":\"" + HELLO + "\",\"params\":{\"version\":" + VERSION + ",\"maxWatched\":"
        + maxWatched + ",\"maxResourceChars\":" + maxResourceChars + "}}")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** A {@code parley.invalidate} of {@code names}, written sorted. */
  public static byte[] invalidate(Collection<String> names) {
    byte[] list = array(names);
    ByteArrayOutputStream out = new ByteArrayOutputStream(list.length + 64);
    out.writeBytes(("{\"method\":\"" + INVALIDATE + "\",\"params\":{\"resources\":")
        .getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(list);
    out.writeBytes("}}".getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }

  // ---- reading ----

  /**
   * The {@code params.resources} of a watch, an unwatch or an invalidate.
   *
   * @throws IllegalArgumentException saying why, when it is not an array of strings
   */
  public static List<String> resources(JsonNode message) {
    return strings(message, "resources");
  }

  private static List<String> strings(JsonNode message, String field) {
    JsonNode params = message.get("params");
    JsonNode list = params != null && params.isObject() ? params.get(field) : null;
    if (list == null || !list.isArray()) {
      throw new IllegalArgumentException("\"params." + field + "\" must be an array of strings");
    }
    List<String> names = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      JsonNode n = list.get(i);
      if (!n.isString()) {
        throw new IllegalArgumentException("\"params." + field
            + "\" must be an array of strings: item " + i + " is not a string");
      }
      names.add(n.stringValue());
    }
    return names;
  }

  /**
   * The {@code params.since} of a watch: -1 when absent (or {@code null}).
   *
   * @throws IllegalArgumentException when it is not a non-negative integer
   */
  public static long since(JsonNode message) {
    JsonNode params = message.get("params");
    JsonNode n = params != null && params.isObject() ? params.get("since") : null;
    if (n == null || n.isNull()) {
      return -1;
    }
    if (!n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() < 0) {
      throw new IllegalArgumentException("\"params.since\" must be a non-negative integer");
    }
    return n.longValue();
  }

  /**
   * The {@code params} object of a message.
   *
   * @throws IllegalArgumentException when it has none, or it is not an object
   */
  public static JsonNode params(JsonNode message) {
    JsonNode params = message.get("params");
    if (params == null || !params.isObject()) {
      throw new IllegalArgumentException("\"params\" must be an object");
    }
    return params;
  }

  /**
   * The string field {@code field} of {@code params}.
   *
   * @throws IllegalArgumentException when it is absent or not a string
   */
  public static String text(JsonNode params, String field) {
    JsonNode n = params.get(field);
    if (n == null || !n.isString()) {
      throw new IllegalArgumentException("\"params." + field + "\" must be a string");
    }
    return n.stringValue();
  }

  /**
   * The {@code params.call} number of a call or an answer.
   *
   * @throws IllegalArgumentException when it is absent or not a positive integer
   */
  public static long callId(JsonNode params) {
    JsonNode n = params.get("call");
    if (n == null || !n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() <= 0) {
      throw new IllegalArgumentException("\"params.call\" must be a positive integer");
    }
    return n.longValue();
  }

  /**
   * The {@code params.procedures} of a register.
   *
   * @throws IllegalArgumentException saying why, when it is not an array of strings
   */
  public static List<String> procedures(JsonNode message) {
    return strings(message, "procedures");
  }

  private static String quote(String s) {
    return "\"" + new String(JsonStringEncoder.getInstance().quoteAsUTF8(s), StandardCharsets.UTF_8)
        + "\"";
  }

  private static byte[] array(Collection<String> names) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(16 + names.size() * 16);
    out.write('[');
    boolean first = true;
    for (String n : new TreeSet<>(names)) {
      if (!first) {
        out.write(',');
      }
      out.write('"');
      out.writeBytes(JsonStringEncoder.getInstance().quoteAsUTF8(n));
      out.write('"');
      first = false;
    }
    out.write(']');
    return out.toByteArray();
  }
}
