package dev.parley.server.internal.socket;

import dev.parley.Contract;
import dev.parley.Descriptor;
import dev.parley.Role;
import dev.parley.Schema;
import dev.parley.internal.json.JsonCodec;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;

/**
 * The messages nodes send each other through the broker: one subject per kind, and one JSON
 * object per message whose first field is the sending node's id, then the descriptor's name,
 * then what the kind needs (see {@code docs/protocol.md}, "Several nodes"):
 *
 * <pre>{@code
 * parley.topic       {"node":"…","name":"chatter","params":{…},"message":{…}}
 * parley.channel     {"node":"…","name":"room","params":{…},"message":{…}}
 * parley.invalidate  {"node":"…","resources":["todos","todo/7"]}
 * parley.event       {"node":"…","name":"news","to":{"room":"lobby"},"payload":{…}}
 * parley.state       {"node":"…","name":"counter","value":{…}}
 * parley.peer        {"node":"…","name":"cache.evict","payload":{…}}
 * }</pre>
 *
 * <p>A null value (no params, a {@code Void} message) is left out. An event's {@code to} is one
 * of {@code {"everyone":true}}, {@code {"principal":<the principal as JSON>}}, {@code
 * {"room":"<name>"}}, {@code {"role":{"name":"agent","type":"<its interface's class name>"}}}: a
 * role by its type, since a node's contract knows only the roles its descriptors name.
 */
final class Envelopes {
  static final String TOPIC = "parley.topic";
  static final String CHANNEL = "parley.channel";
  static final String INVALIDATE = "parley.invalidate";
  static final String EVENT = "parley.event";
  static final String STATE = "parley.state";
  static final String PEER = "parley.peer";
  static final List<String> SUBJECTS = List.of(TOPIC, CHANNEL, INVALIDATE, EVENT, STATE, PEER);

  private final String node;
  private final JsonCodec codec;
  private final JsonCodec parser;
  private final byte[] own;

  /**
   * Envelopes of node {@code node}, whose values {@code codec} writes and reads, and which {@code
   * parser} parses (its depth allows the envelope around a value).
   */
  Envelopes(String node, JsonCodec codec, JsonCodec parser) {
    this.node = node;
    this.codec = codec;
    this.parser = parser;
    this.own = ("{\"node\":\"" + node + "\"").getBytes(StandardCharsets.UTF_8);
  }

  /** An envelope of this node for the descriptor {@code name} (none: null), {@code body} after. */
  byte[] write(@Nullable String name, Nodes.Body body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = codec.generator(out)) {
      g.writeStartObject();
      g.writeStringProperty("node", node);
      if (name != null) {
        g.writeStringProperty("name", name);
      }
      body.write(g);
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  /** Writes {@code value} of {@code type} as {@code field}, unless it is null. */
  void value(JsonGenerator g, String field, Type type, @Nullable Object value) {
    if (value != null) {
      g.writeName(field);
      codec.write(g, type, value);
    }
  }

  /** Writes an event's recipients: {@code kind} with {@code among} (a name, or a principal). */
  void recipients(JsonGenerator g, String kind, @Nullable Object among) {
    g.writeName("to");
    g.writeStartObject();
    switch (kind) {
      case "everyone" -> g.writeBooleanProperty(kind, true);
      case "principal" -> {
        g.writeName(kind);
        codec.write(g, among == null ? Object.class : among.getClass(), among);
      }
      case "role" -> {
        Role<?> role = (Role<?>) among;
        g.writeName(kind);
        g.writeStartObject();
        g.writeStringProperty("name", role.name());
        g.writeStringProperty("type", role.type().getName());
        g.writeEndObject();
      }
      default -> g.writeStringProperty(kind, String.valueOf(among));
    }
    g.writeEndObject();
  }

  /** Whether {@code bytes} is an envelope of this node, by its first field alone. */
  boolean isOwn(byte[] bytes) {
    return bytes.length > own.length
        && Arrays.equals(bytes, 0, own.length, own, 0, own.length)
        && (bytes[own.length] == ',' || bytes[own.length] == '}');
  }

  /**
   * {@code bytes} parsed.
   *
   * @throws RuntimeException when it is no JSON object with a {@code node}
   */
  Received read(byte[] bytes) {
    JsonNode tree = parser.parse(bytes);
    if (!tree.isObject() || tree.get("node") == null || !tree.get("node").isString()) {
      throw new IllegalArgumentException("not an envelope: no node");
    }
    return new Received(tree, codec);
  }

  /** One envelope from a node. */
  record Received(JsonNode tree, JsonCodec codec) {

    /** The sending node's id. */
    String node() {
      return tree.get("node").stringValue();
    }

    /** The descriptor it names, which must be a {@code type} of {@code contract}. */
    @SuppressWarnings("unchecked")
    <D extends Descriptor<?>> D descriptor(Contract contract, Class<?> type) {
      JsonNode name = tree.get("name");
      Descriptor<?> d = name == null || !name.isString() ? null
          : contract.find(name.stringValue()).orElse(null);
      if (!type.isInstance(d)) {
        throw new IllegalArgumentException("no " + type.getSimpleName() + " named " + name);
      }
      return (D) d;
    }

    /** The value of {@code field} read and checked by {@code schema}; null when left out. */
    @Nullable Object value(Schema<?> schema, String field) {
      JsonNode value = tree.get(field);
      return value == null ? null : codec.decode(schema, value, field);
    }

    /** The resources of an invalidation. */
    Set<String> resources() {
      JsonNode array = tree.get("resources");
      if (array == null || !array.isArray() || array.isEmpty()) {
        throw new IllegalArgumentException("an invalidation without resources");
      }
      Set<String> names = new LinkedHashSet<>();
      for (JsonNode r : array) {
        if (!r.isString() || r.stringValue().isEmpty()) {
          throw new IllegalArgumentException("a resource that is no name: " + r);
        }
        names.add(r.stringValue());
      }
      return names;
    }

    /** What an event's recipients are: {@code everyone}, {@code principal}, {@code room}, {@code role}. */
    String recipientsKind() {
      JsonNode to = tree.get("to");
      if (to == null || !to.isObject() || to.size() != 1) {
        throw new IllegalArgumentException("an event without recipients");
      }
      return to.propertyNames().iterator().next();
    }

    /** The room's name, or the role's type. */
    String recipientsName() {
      JsonNode name = recipientsKind().equals("role") && recipients().isObject()
          ? recipients().get("type") : recipients();
      if (name == null || !name.isString()) {
        throw new IllegalArgumentException("recipients that are no name: " + name);
      }
      return name.stringValue();
    }

    /** The value of the recipients' one field. */
    JsonNode recipients() {
      return tree.get("to").get(recipientsKind());
    }
  }
}
