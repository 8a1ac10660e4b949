package dev.parley.internal.wire;

import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** One call's answer as read from the wire: its data, its error, or something unreadable. */
public sealed interface Reply {

  /**
   * {@code {"result":{"data":…,"resources":[…]}}}.
   *
   * @param data the output as JSON; {@code null} when the result has no {@code data}
   * @param resources the resources the call declared, in the order sent; empty when none
   * @param seq a query's {@code seq}, the server's invalidation sequence when its handler
   *     started; -1 when the result has none
   */
  record Data(@Nullable JsonNode data, Set<String> resources, long seq) implements Reply {
    /** A result without {@code seq}. */
    public Data(@Nullable JsonNode data, Set<String> resources) {
      this(data, resources, -1);
    }
  }

  /** {@code {"error":{…}}}. */
  record Failure(WireError error) implements Reply {}

  /**
   * Neither: not an envelope at all.
   *
   * @param why what is wrong with it, in words
   */
  record Unreadable(String why) implements Reply {}
}
