package dev.parley.client.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The canonical JSON of a query's input, the key of its cache entry: the same value whatever the
 * order of its objects' properties (sorted by name), with no spaces.
 */
final class Canonical {
  private Canonical() {}

  /** {@code node} written canonically. */
  static String json(JsonNode node) {
    StringBuilder out = new StringBuilder();
    write(node, out);
    return out.toString();
  }

  private static void write(JsonNode node, StringBuilder out) {
    if (node.isObject()) {
      List<Map.Entry<String, JsonNode>> props = new ArrayList<>(node.properties());
      props.sort(Map.Entry.comparingByKey());
      out.append('{');
      for (int i = 0; i < props.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        out.append(tools.jackson.databind.node.StringNode.valueOf(props.get(i).getKey()));
        out.append(':');
        write(props.get(i).getValue(), out);
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
    } else {
      out.append(node);
    }
  }
}
