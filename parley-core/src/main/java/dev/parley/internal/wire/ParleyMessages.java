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
 * "parley.unwatch"} alike. An {@code "id"} (as tRPC's) is optional: a refusal names it.
 *
 * <p>Server to client: the answer to a hello, {@code {"method":"parley.hello","params":{"version":1,
 * "maxWatched":1000,"maxResourceChars":256}}}, and {@code {"method":"parley.invalidate","params":
 * {"resources":["todo/2","todos"]}}}, the resources (sorted) that changed and overlap what the
 * connection watches.
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
    return "{\"method\":\"" + HELLO + "\",\"params\":{\"version\":" + VERSION + "}}";
  }

  /** A {@code parley.watch} (or, when {@code unwatch}, {@code parley.unwatch}) of {@code names}. */
  public static String watch(Collection<String> names, boolean unwatch) {
    return "{\"method\":\"" + (unwatch ? UNWATCH : WATCH) + "\",\"params\":{\"resources\":"
        + new String(array(names), StandardCharsets.UTF_8) + "}}";
  }

  // ---- server to client ----

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
    JsonNode params = message.get("params");
    JsonNode list = params != null && params.isObject() ? params.get("resources") : null;
    if (list == null || !list.isArray()) {
      throw new IllegalArgumentException("\"params.resources\" must be an array of strings");
    }
    List<String> names = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      JsonNode n = list.get(i);
      if (!n.isString()) {
        throw new IllegalArgumentException(
            "\"params.resources\" must be an array of strings: item " + i + " is not a string");
      }
      names.add(n.stringValue());
    }
    return names;
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
