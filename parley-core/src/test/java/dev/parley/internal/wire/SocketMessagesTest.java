package dev.parley.internal.wire;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.ErrorCode;
import dev.parley.Issue;
import dev.parley.internal.json.JsonCodec;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The WebSocket messages of tRPC's wsLink: what one side writes, the other reads back, field by
 * field, and the exact text a tRPC client expects.
 */
class SocketMessagesTest {
  private final JsonCodec codec = JsonCodec.standard();
  private final SocketMessages messages = new SocketMessages(codec);

  private JsonNode tree(byte[] json) {
    return codec.parse(json);
  }

  private static String text(byte[] json) {
    return new String(json, UTF_8);
  }

  private SocketMessages.Response read(byte[] json) {
    return SocketMessages.Response.read(tree(json));
  }

  @Test
  void aDataResultKeepsTheRequestIdAsSentAndItsSortedResources() {
    byte[] json = SocketMessages.data("7".getBytes(UTF_8), "{\"n\":1}".getBytes(UTF_8), null,
        Set.of("todos", "todo/2"));

    assertThat(text(json)).isEqualTo("{\"id\":7,\"result\":{\"type\":\"data\",\"data\":{\"n\":1},"
        + "\"resources\":[\"todo/2\",\"todos\"]}}");
    assertThat(read(json)).isEqualTo(new SocketMessages.Response.Data(tree("7".getBytes(UTF_8)),
        tree("{\"n\":1}".getBytes(UTF_8)), null, Set.of("todo/2", "todos")));
  }

  @Test
  void aTrackedValueIsWrappedAsTrpcWrapsItAndUnwrappedWhenRead() {
    byte[] json = SocketMessages.data("\"a\"".getBytes(UTF_8), "{\"n\":1}".getBytes(UTF_8),
        "4\"2", null);

    assertThat(text(json)).isEqualTo("{\"id\":\"a\",\"result\":{\"type\":\"data\",\"id\":\"4\\\"2\","
        + "\"data\":{\"id\":\"4\\\"2\",\"data\":{\"n\":1}}}}");
    var data = (SocketMessages.Response.Data) read(json);
    assertThat(data.id().stringValue()).isEqualTo("a");
    assertThat(data.eventId()).isEqualTo("4\"2");
    assertThat(data.data()).isEqualTo(tree("{\"n\":1}".getBytes(UTF_8)));
    assertThat(data.resources()).isEmpty();
  }

  @Test
  void aResultWithoutDataReadsAsNoData() {
    byte[] json = SocketMessages.data("1".getBytes(UTF_8), null, null, null);

    assertThat(text(json)).isEqualTo("{\"id\":1,\"result\":{\"type\":\"data\"}}");
    assertThat(((SocketMessages.Response.Data) read(json)).data()).isNull();
  }

  @Test
  void startedStoppedAndReconnectRoundTrip() {
    assertThat(text(SocketMessages.started("3".getBytes(UTF_8))))
        .isEqualTo("{\"id\":3,\"result\":{\"type\":\"started\"}}");
    assertThat(read(SocketMessages.started("3".getBytes(UTF_8))))
        .isInstanceOf(SocketMessages.Response.Started.class);
    assertThat(read(SocketMessages.stopped("3".getBytes(UTF_8))))
        .isEqualTo(new SocketMessages.Response.Stopped(tree("3".getBytes(UTF_8))));
    assertThat(text(SocketMessages.reconnect()))
        .isEqualTo("{\"id\":null,\"method\":\"reconnect\"}");
    assertThat(read(SocketMessages.reconnect()))
        .isEqualTo(new SocketMessages.Response.Reconnect(null));
  }

  @Test
  void anErrorCarriesTheErrorShapeAndReadsBackWhole() {
    WireError error = new WireError(ErrorCode.BAD_REQUEST, "input is invalid", 400, "ticker",
        List.of(new Issue("count", "must be at least 1")), null, null);

    byte[] json = messages.error("9".getBytes(UTF_8), error);

    assertThat(text(json)).isEqualTo("{\"id\":9,\"error\":{\"message\":\"input is invalid\","
        + "\"code\":-32600,\"data\":{\"code\":\"BAD_REQUEST\",\"httpStatus\":400,"
        + "\"path\":\"ticker\",\"issues\":[{\"path\":\"count\",\"message\":\"must be at least 1\"}]}}}");
    assertThat(read(json)).isEqualTo(new SocketMessages.Response.Failure(tree("9".getBytes(UTF_8)),
        error));
  }

  @Test
  void namesAMissingIdAsNull() {
    assertThat(text(messages.id(null))).isEqualTo("null");
    assertThat(text(messages.id(tree("\"x\"".getBytes(UTF_8))))).isEqualTo("\"x\"");
    assertThat(text(messages.id(tree("12".getBytes(UTF_8))))).isEqualTo("12");
  }

  @Test
  void readsWhatIsNeitherResultNorErrorAsUnreadable() {
    assertThat(read("{\"id\":1}".getBytes(UTF_8)))
        .isEqualTo(new SocketMessages.Response.Unreadable(tree("1".getBytes(UTF_8)),
            "has neither \"result\" nor \"error\""));
    assertThat(read("{\"id\":1,\"result\":{\"type\":\"weird\"}}".getBytes(UTF_8)))
        .isInstanceOf(SocketMessages.Response.Unreadable.class);
    assertThat(read("{\"id\":1,\"result\":7}".getBytes(UTF_8)))
        .isInstanceOf(SocketMessages.Response.Unreadable.class);
  }

  @Test
  void aRequestRoundTripsWithItsInputAndLastEventId() {
    byte[] json = messages.request(5, "subscription", "chat.onMessage",
        "{\"room\":\"a\"}".getBytes(UTF_8), "41");

    assertThat(text(json)).isEqualTo("{\"id\":5,\"method\":\"subscription\",\"params\":{\"path\":"
        + "\"chat.onMessage\",\"input\":{\"room\":\"a\"},\"lastEventId\":\"41\"}}");
    SocketMessages.Request r = SocketMessages.Request.read(tree(json));
    assertThat(r.id().longValue()).isEqualTo(5);
    assertThat(r.method()).isEqualTo("subscription");
    assertThat(r.path()).isEqualTo("chat.onMessage");
    assertThat(r.input()).isEqualTo(tree("{\"room\":\"a\"}".getBytes(UTF_8)));
    assertThat(r.lastEventId()).isEqualTo("41");
  }

  @Test
  void aRequestWithoutInputOrIdReadsAsAbsent() {
    byte[] json = messages.request(1, "query", "todos.list", null, null);

    assertThat(text(json)).isEqualTo(
        "{\"id\":1,\"method\":\"query\",\"params\":{\"path\":\"todos.list\"}}");
    SocketMessages.Request none = SocketMessages.Request.read(tree("{\"method\":7,\"id\":null}"
        .getBytes(UTF_8)));
    assertThat(none).isEqualTo(new SocketMessages.Request(null, null, null, null, null));
    SocketMessages.Request noParams = SocketMessages.Request.read(tree(
        "{\"id\":2,\"method\":\"query\",\"params\":[1]}".getBytes(UTF_8)));
    assertThat(noParams.path()).isNull();
    assertThat(noParams.input()).isNull();
  }

  @Test
  void writesStopAndConnectionParams() {
    assertThat(text(SocketMessages.stop(5)))
        .isEqualTo("{\"id\":5,\"method\":\"subscription.stop\"}");
    assertThat(text(messages.connectionParams(Map.of("token", "t"))))
        .isEqualTo("{\"method\":\"connectionParams\",\"data\":{\"token\":\"t\"}}");
  }

  @Test
  void splitsAFrameIntoItsMessages() {
    assertThat(SocketMessages.messages(tree("[{\"id\":1},{\"id\":2}]".getBytes(UTF_8))))
        .extracting(n -> n.get("id").intValue()).containsExactly(1, 2);
    assertThat(SocketMessages.messages(tree("{\"id\":1}".getBytes(UTF_8)))).hasSize(1);
  }
}
