package dev.parley.internal.wire;

import dev.parley.internal.json.JsonCodec;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.StringNode;

/**
 * The canonical text of a JSON value, the key of an input in the server's cache of static outputs
 * and in a static dump: no whitespace, the properties of every object sorted by name (by UTF-16
 * code units, as JavaScript's default sort does), strings and numbers as Jackson writes them. Two
 * inputs equal as values have one canonical text, whatever the order their JSON came in, so a
 * client in any language can compute the key of an input with a sorted {@code JSON.stringify}.
 */
public final class CanonicalJson {
  private CanonicalJson() {}

  /**
   * The canonical text of {@code value}, a value of {@code type}, as {@code codec} writes it: the
   * key of an input.
   */
  public static String of(JsonCodec codec, Type type, @Nullable Object value) {
    return value == null ? "null" : of(codec.parse(codec.encode(type, value)));
  }

  /** The canonical text of {@code node}; a missing node is {@code null}. */
  public static String of(JsonNode node) {
    StringBuilder out = new StringBuilder();
    write(node, out);
    return out.toString();
  }

  private static void write(JsonNode node, StringBuilder out) {
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      node.propertyNames().forEach(names::add);
      names.sort(null);
      out.append('{');
      for (int i = 0; i < names.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        out.append(StringNode.valueOf(names.get(i)).toString()).append(':');
        write(node.get(names.get(i)), out);
      }
      out.append('}');
    } else if (node.isArray()) {
      out.append('[');
      for (int i = 0; i < node.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        write(node.get(i), out);
      }
      out.append(']');
    } else if (node.isMissingNode()) {
      out.append("null");
    } else {
      out.append(node.toString());
    }
  }
}
