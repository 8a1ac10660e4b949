package dev.parley.server.internal.socket;

import dev.parley.ErrorCode;
import dev.parley.ParleyException;
import dev.parley.internal.json.JsonCodec;
import dev.parley.internal.wire.ParleyMessages;
import dev.parley.internal.wire.SocketMessages;
import dev.parley.server.internal.Input;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One message of a frame, as the connection acts on it: a call to start, a stop, one of Parley's
 * own messages, or a refusal
 * naming the message's id (or {@code null} when it has none that can be used).
 */
sealed interface Message {
  /** The most characters of an id, as its JSON text. */
  int MAX_ID_CHARS = 128;
  /** The JSON {@code null}, the id of answers to messages that name none. */
  byte[] NO_ID = "null".getBytes(StandardCharsets.US_ASCII);

  /**
   * A query, mutation or subscription.
   *
   * @param id the id's JSON, as sent
   * @param method {@code query}, {@code mutation} or {@code subscription}
   */
  record Call(byte[] id, String method, String path, Input input, @Nullable String lastEventId)
      implements Message {
    /** The key of the call among the connection's live ones: its id's JSON. */
    String key() {
      return new String(id, StandardCharsets.UTF_8);
    }
  }

  /** A {@code subscription.stop} of the call whose id's JSON is {@code key}. */
  record Stop(String key) implements Message {}

  /**
   * One of Parley's own messages ({@code parley.hello}, {@code parley.watch} …), read by {@link
   * ParleyControl}; its id is optional ({@link #NO_ID} when absent or unusable).
   */
  record Parley(byte[] id, String method, JsonNode message) implements Message {}

  /** A message refused with {@code error}; {@code path} is its procedure's name, if it named one. */
  record Refused(byte[] id, ParleyException error, @Nullable String path) implements Message {}

  /** Reads one message of a frame. */
  static Message read(JsonNode node, JsonCodec codec) {
    if (!node.isObject()) {
      return refused(NO_ID, "A message must be a JSON object", null);
    }
    SocketMessages.Request r = SocketMessages.Request.read(node);
    JsonNode rawId = r.id();
    String method = r.method();
    if (SocketMessages.CONNECTION_PARAMS.equals(method)) {
      return refused(NO_ID, "\""
          + SocketMessages.CONNECTION_PARAMS + "\" comes only as the first message, when the URL"
          + " has " + SocketMessages.CONNECTION_PARAMS_QUERY, null);
    }
    if (ParleyMessages.isParley(method)) {
      return new Parley(rawId == null ? NO_ID : usableId(rawId, codec), method, node);
    }
    if (rawId == null) {
      return refused(NO_ID, "A message needs an \"id\": a string or an integer", r.path());
    }
    byte[] id = codec.encode(rawId);
    boolean usable = rawId.isString() ? rawId.stringValue().length() <= MAX_ID_CHARS
        : rawId.isIntegralNumber() && id.length <= MAX_ID_CHARS;
    if (!usable) {
      return refused(NO_ID, "\"id\" must be a string or an integer of at most " + MAX_ID_CHARS
          + " characters", r.path());
    }
    if (SocketMessages.STOP.equals(method)) {
      return new Stop(new String(id, StandardCharsets.UTF_8));
    }
    if (!"query".equals(method) && !"mutation".equals(method)
        && !"subscription".equals(method)) {
      return refused(id, (method == null ? "A message needs a \"method\"" : "Unknown method \""
          + method + "\"") + " (expected: query, mutation, subscription or "
          + SocketMessages.STOP + ")", r.path());
    }
    if (r.path() == null) {
      return refused(id, "\"params.path\" is required: the name of the procedure", null);
    }
    JsonNode input = r.input();
    return new Call(id, method, r.path(), input == null ? Input.NONE : new Input.Tree(input),
        r.lastEventId());
  }

  private static byte[] usableId(JsonNode rawId, JsonCodec codec) {
    byte[] id = codec.encode(rawId);
    boolean usable = rawId.isString() ? rawId.stringValue().length() <= MAX_ID_CHARS
        : rawId.isIntegralNumber() && id.length <= MAX_ID_CHARS;
    return usable ? id : NO_ID;
  }

  private static Refused refused(byte[] id, String message, @Nullable String path) {
    return new Refused(id, new ParleyException(ErrorCode.BAD_REQUEST, message), path);
  }
}
