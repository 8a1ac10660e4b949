package dev.parley.internal.wire;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Server-Sent Events as the server writes them and the client's reader assembles them. */
class EventStreamTest {

  private static List<EventStream.Event> readAll(String stream) {
    EventStream.Reader reader = new EventStream.Reader();
    List<EventStream.Event> events = new ArrayList<>();
    for (String line : stream.split("\n", -1)) {
      EventStream.Event e = reader.line(line);
      if (e != null) {
        events.add(e);
      }
    }
    return events;
  }

  @Test
  void everyEventTheServerWritesReadsBack() {
    String stream = new String(EventStream.connected(30_000), UTF_8)
        + new String(EventStream.value("{\"n\":1}".getBytes(UTF_8), "1"), UTF_8)
        + new String(EventStream.value("2".getBytes(UTF_8), null), UTF_8)
        + new String(EventStream.ping(), UTF_8)
        + new String(EventStream.failed("{\"message\":\"x\"}".getBytes(UTF_8)), UTF_8)
        + new String(EventStream.completed(), UTF_8);

    assertThat(readAll(stream)).containsExactly(
        new EventStream.Event("connected", "{\"reconnectAfterInactivityMs\":30000}", null),
        new EventStream.Event("message", "{\"n\":1}", "1"),
        new EventStream.Event("message", "2", null),
        new EventStream.Event("ping", "", null),
        new EventStream.Event("serialized-error", "{\"message\":\"x\"}", null),
        new EventStream.Event("return", "", null));
  }

  @Test
  void writesTheExactTextOfTrpcsFormat() {
    assertThat(new String(EventStream.connected(0), UTF_8))
        .isEqualTo("event: connected\ndata: {}\n\n");
    assertThat(new String(EventStream.value("{}".getBytes(UTF_8), "7"), UTF_8))
        .isEqualTo("data: {}\nid: 7\n\n");
    assertThat(new String(EventStream.completed(), UTF_8)).isEqualTo("event: return\ndata: \n\n");
    assertThat(new String(EventStream.ping(), UTF_8)).isEqualTo("event: ping\ndata: \n\n");
  }

  @Test
  void readsAsEventSourceDoesCommentsMultilineDataAndFieldsWithoutSpace() {
    assertThat(readAll(": keep-alive\nevent:tick\ndata:a\ndata: b\nid:9\nretry: 5\n\n\n"))
        .containsExactly(new EventStream.Event("tick", "a\nb", "9"));
    assertThat(readAll("data\n\n")).containsExactly(new EventStream.Event("message", "", null));
    assertThat(readAll("event: lonely\n\ndata: x\n\n"))
        .containsExactly(new EventStream.Event("message", "x", null));
  }

  @Test
  void ignoresAnIdHoldingNul() {
    assertThat(readAll("id: a\u0000b\ndata: x\n\n"))
        .containsExactly(new EventStream.Event("message", "x", null));
  }

  @Test
  void acceptsOnlyIdsTheFramingKeeps() {
    assertThat(EventStream.isValidId("42")).isTrue();
    assertThat(EventStream.isValidId("x".repeat(128))).isTrue();
    assertThat(EventStream.isValidId("x".repeat(129))).isFalse();
    assertThat(EventStream.isValidId("a\nb")).isFalse();
    assertThat(EventStream.isValidId("a\rb")).isFalse();
    assertThat(EventStream.isValidId("a\u0000b")).isFalse();
  }
}
