package dev.parley.internal.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.databind.JsonNode;

/**
 * The channel messages of {@link ParleyMessages}, written and read by the server and the Java
 * client. Client to server: {@code {"id":"c1","method":"parley.connect","params":{"channel":"room",
 * "params":{…},"request":{…}}}}, {@code {"method":"parley.send","params":{"token":"…","message":
 * {…}}}} and {@code {"method":"parley.leave","params":{"token":"…"}}}. Server to client: {@code
 * {"id":"c1","method":"parley.connected","params":{"token":"…"}}} (or an error naming the id) and
 * {@code {"method":"parley.message","params":{"token":"…","message":{…}}}}.
 */
public final class ChannelMessages {
  private static final byte[] MESSAGE_HEAD =
      ascii("{\"method\":\"" + ParleyMessages.MESSAGE + "\",\"params\":{\"token\":");
  private static final byte[] MESSAGE_MIDDLE = ascii(",\"message\":");
  private static final byte[] CLOSE = ascii("}}");

  /** What the id of a client's {@code parley.send} starts with, before its token. */
  public static final String SEND_ID = "s:";

  private ChannelMessages() {}

  // ---- client to server ----

  /** A connect: {@code id} names the answer, {@code params} and {@code request} are raw JSON. */
  public static String connect(String id, String channel, byte @Nullable [] params,
      byte @Nullable [] request) {
    StringBuilder b = new StringBuilder(96).append("{\"id\":").append(quote(id))
        .append(",\"method\":\"").append(ParleyMessages.CONNECT).append("\",\"params\":{\"channel\":")
        .append(quote(channel));
    if (params != null) {
      b.append(",\"params\":").append(new String(params, StandardCharsets.UTF_8));
    }
    if (request != null) {
      b.append(",\"request\":").append(new String(request, StandardCharsets.UTF_8));
    }
    return b.append("}}").toString();
  }

  /**
   * A client's message on the channel connection of {@code token}; its id is {@link #SEND_ID}
   * followed by the token, so that a refusal names the channel connection.
   */
  public static String send(String token, byte[] message) {
    return "{\"id\":" + quote(SEND_ID + token) + ",\"method\":\"" + ParleyMessages.SEND
        + "\",\"params\":{\"token\":" + quote(token) + ",\"message\":"
        + new String(message, StandardCharsets.UTF_8) + "}}";
  }

  /** The leave of the channel connection of {@code token}. */
  public static String leave(String token) {
    return "{\"method\":\"" + ParleyMessages.LEAVE + "\",\"params\":{\"token\":" + quote(token)
        + "}}";
  }

  // ---- server to client ----

  /** The answer to the connect {@code id} (raw JSON): the new connection's token. */
  public static byte[] connected(byte[] id, String token) {
    return ("{\"id\":" + new String(id, StandardCharsets.UTF_8) + ",\"method\":\""
        + ParleyMessages.CONNECTED + "\",\"params\":{\"token\":" + quote(token) + "}}")
        .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * A server message to the connection of {@code token}: {@code message} is the JSON encoded once
   * for every recipient, and only the token differs between their frames.
   */
  public static byte[] message(String token, byte[] message) {
    byte[] t = JsonStringEncoder.getInstance().quoteAsUTF8(token);
    ByteArrayOutputStream out = new ByteArrayOutputStream(
        MESSAGE_HEAD.length + t.length + message.length + 16);
    out.writeBytes(MESSAGE_HEAD);
    out.write('"');
    out.writeBytes(t);
    out.write('"');
    out.writeBytes(MESSAGE_MIDDLE);
    out.writeBytes(message);
    out.writeBytes(CLOSE);
    return out.toByteArray();
  }

  // ---- reading ----

  /** {@code params.<field>} of {@code message}, or null when absent. */
  public static @Nullable JsonNode param(JsonNode message, String field) {
    JsonNode params = message.get("params");
    return params != null && params.isObject() ? params.get(field) : null;
  }

  /**
   * {@code params.<field>} of {@code message} as a string.
   *
   * @throws IllegalArgumentException naming the field, when it is absent or not a string
   */
  public static String text(JsonNode message, String field) {
    JsonNode node = param(message, field);
    if (node == null || !node.isString()) {
      throw new IllegalArgumentException("\"params." + field + "\" must be a string");
    }
    return node.stringValue();
  }

  private static String quote(String s) {
    return "\"" + new String(JsonStringEncoder.getInstance().quoteAsUTF8(s),
        StandardCharsets.UTF_8) + "\"";
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
