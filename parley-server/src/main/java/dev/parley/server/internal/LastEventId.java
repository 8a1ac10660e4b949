package dev.parley.server.internal;

import dev.parley.ErrorCode;
import dev.parley.ParleyException;
import dev.parley.internal.json.JsonCodec;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Finds a subscription's last event id wherever a tRPC client puts it. The transport's own place
 * (the {@code Last-Event-ID} header, a {@code lastEventId} query parameter, a WebSocket
 * subscribe's {@code lastEventId}) wins over the input's {@code lastEventId} property, as in tRPC.
 * The property is taken out of the input unless the input type declares it, so that any input
 * record accepts a resuming client; when the type declares it, the id found is put in.
 */
final class LastEventId {
  static final String PROPERTY = "lastEventId";
  private static final ClassValue<Boolean> DECLARES = new ClassValue<>() {
    @Override
    protected Boolean computeValue(Class<?> type) {
      if (!type.isRecord()) {
        return false;
      }
      for (RecordComponent c : type.getRecordComponents()) {
        if (c.getName().equals(PROPERTY) && c.getType() == String.class) {
          return true;
        }
      }
      return false;
    }
  };

  private LastEventId() {}

  /**
   * The input with the property handled, and the id found.
   *
   * @param input the input as the transport read it
   * @param transport the id the transport read from its own places, or null
   */
  static Split split(Route route, Input input, @Nullable String transport, JsonCodec codec) {
    boolean declared = declares(route.procedure().input().type());
    JsonNode node = switch (input) {
      case Input.Value v -> null;
      case Input.None n -> null;
      case Input.Tree t -> t.node();
      case Input.Json j -> codec.parse(j.utf8());
    };
    if (input instanceof Input.Value) {
      return new Split(input, transport); // in process: the id comes beside the typed input
    }
    String found = null;
    if (node != null && node.isObject() && node.has(PROPERTY)) {
      JsonNode id = node.get(PROPERTY);
      if (!id.isString() && !id.isNull()) {
        throw new ParleyException(ErrorCode.BAD_REQUEST,
            "input.lastEventId must be a string (the last event id seen)");
      }
      found = id.isNull() ? null : id.stringValue();
      if (!declared) {
        ((ObjectNode) node).remove(PROPERTY);
      }
    }
    String id = transport != null ? transport : found;
    if (declared && id != null) {
      if (node == null || node.isMissingNode()) {
        node = JsonNodeFactory.instance.objectNode();
      }
      if (node.isObject()) {
        ((ObjectNode) node).put(PROPERTY, id);
      }
    }
    if (node == null) {
      return new Split(input, id);
    }
    return new Split(node.isMissingNode() ? Input.NONE : new Input.Tree(node), id);
  }

  private static boolean declares(Type type) {
    return type instanceof Class<?> c && DECLARES.get(c);
  }

  /**
   * A subscription's input and last event id.
   *
   * @param input the input to decode
   * @param lastEventId the last event id, or null on a first subscription
   */
  record Split(Input input, @Nullable String lastEventId) {}
}
