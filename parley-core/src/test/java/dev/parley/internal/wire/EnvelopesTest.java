package dev.parley.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.ErrorCode;
import dev.parley.Issue;
import dev.parley.ParleyException;
import dev.parley.internal.json.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The envelopes the server writes are what the client reads: every field, written then read. */
class EnvelopesTest {
  record Todo(long id, String text) {}

  private final JsonCodec codec = JsonCodec.standard();
  private final Envelopes envelopes = new Envelopes(codec);

  private JsonNode tree(byte[] json) {
    return codec.parse(json);
  }

  private JsonNode tree(String json) {
    return codec.parse(json);
  }

  @Test
  void aResultRoundTripsWithItsDataAndSortedResources() {
    byte[] json = envelopes.result(Todo.class, new Todo(2, "eggs"), true, Set.of("todos", "todo/2"));

    assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo(
        "{\"result\":{\"data\":{\"id\":2,\"text\":\"eggs\"},\"resources\":[\"todo/2\",\"todos\"]}}");
    Reply.Data data = (Reply.Data) Envelopes.read(tree(json), 200);
    assertThat(codec.decode(dev.parley.Schema.of(Todo.class), data.data(), "output"))
        .isEqualTo(new Todo(2, "eggs"));
    assertThat(data.resources()).containsExactly("todo/2", "todos");
  }

  @Test
  void aQuerysSeqIsWrittenAfterItsResourcesOnlyAndReadBack() {
    byte[] json = envelopes.result(Integer.class, 1, true, Set.of("todos"), 42);
    assertThat(new String(json, StandardCharsets.UTF_8))
        .isEqualTo("{\"result\":{\"data\":1,\"resources\":[\"todos\"],\"seq\":42}}");
    assertThat(((Reply.Data) Envelopes.read(tree(json), 200)).seq()).isEqualTo(42);
    assertThat(new String(envelopes.result(Integer.class, 1, true, null, 42),
        StandardCharsets.UTF_8)).as("no resources, no seq").isEqualTo("{\"result\":{\"data\":1}}");
    assertThat(((Reply.Data) Envelopes.read(tree(envelopes.result(Integer.class, 1, true,
        Set.of("todos"))), 200)).seq()).as("none").isEqualTo(-1);
    assertThat(((Reply.Data) Envelopes.read(tree("{\"result\":{\"data\":1,\"seq\":-3}}"), 200))
        .seq()).as("not a non-negative integer").isEqualTo(-1);
  }

  @Test
  void aResultWithoutOutputOrResourcesHasNeither() {
    byte[] json = envelopes.result(Void.class, null, false, null);

    assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo("{\"result\":{}}");
    assertThat(Envelopes.read(tree(json), 200)).isEqualTo(new Reply.Data(null, Set.of()));
  }

  @ParameterizedTest
  @EnumSource(ErrorCode.class)
  void everyErrorCodeRoundTripsWithItsIssuesDetailsAndRetryDelay(ErrorCode code) {
    var e = new ParleyException(code, "it went wrong", List.of(new Issue("items[1].name",
        "must not be blank"), new Issue("", "is odd")), Map.of("hint", "try again"), null,
        Duration.ofMillis(1500));

    WireError read = ((Reply.Failure) Envelopes.read(tree(envelopes.error(e, "todos.add")),
        code.httpStatus())).error();

    assertThat(read.code()).isEqualTo(code);
    assertThat(read.message()).isEqualTo("it went wrong");
    assertThat(read.httpStatus()).isEqualTo(code.httpStatus());
    assertThat(read.path()).isEqualTo("todos.add");
    assertThat(read.issues()).containsExactly(new Issue("items[1].name", "must not be blank"),
        new Issue("", "is odd"));
    assertThat(read.details().get("hint").asString()).isEqualTo("try again");
    assertThat(read.retryAfter()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void anErrorOfTheWholeRequestHasNoPathAndNoExtras() {
    byte[] json = envelopes.error(new ParleyException(ErrorCode.UNAUTHORIZED, "who?"), null);

    assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo("{\"error\":{\"message\":\"who?\","
        + "\"code\":-32001,\"data\":{\"code\":\"UNAUTHORIZED\",\"httpStatus\":401}}}");
    WireError read = ((Reply.Failure) Envelopes.read(tree(json), 401)).error();
    assertThat(read.path()).isNull();
    assertThat(read.issues()).isEmpty();
    assertThat(read.details()).isNull();
    assertThat(read.retryAfter()).isNull();
  }

  @Test
  void leavesOutDataThatCannotBeWritten() {
    Object unwritable = new Object() {
      @SuppressWarnings("unused")
      public String getBoom() {
        throw new IllegalStateException("no");
      }
    };
    byte[] json = envelopes.error(
        new ParleyException(ErrorCode.CONFLICT, "taken", List.of(), unwritable, null), "x");

    assertThat(((Reply.Failure) Envelopes.read(tree(json), 409)).error().details()).isNull();
  }

  @Test
  void readsAnErrorByItsStatusWhenItNamesNoCode() {
    WireError read = Envelopes.error(tree("{\"message\":\"gone\"}".getBytes(StandardCharsets.UTF_8)),
        503);

    assertThat(read.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
    assertThat(read.httpStatus()).isEqualTo(503);
  }

  @Test
  void ignoresFieldsOfTheWrongTypeInAnError() {
    WireError read = Envelopes.error(tree(("{\"message\":5,\"data\":{\"code\":404,"
        + "\"httpStatus\":\"404\",\"path\":1,\"retryAfter\":-3,\"issues\":{}}}")
        .getBytes(StandardCharsets.UTF_8)), 502);

    assertThat(read.code()).isEqualTo(ErrorCode.BAD_GATEWAY);
    assertThat(read.httpStatus()).isEqualTo(502);
    assertThat(read.message()).isEqualTo("BAD_GATEWAY");
    assertThat(read.path()).isNull();
    assertThat(read.retryAfter()).isNull();
    assertThat(read.issues()).isEmpty();
  }

  @Test
  void roundsTheRetryDelayUpToWholeSeconds() {
    assertThat(new WireError(ErrorCode.TOO_MANY_REQUESTS, "m", 429, null, List.of(), null,
        Duration.ofSeconds(2)).retryAfterSeconds()).isEqualTo(2);
    assertThat(new WireError(ErrorCode.TOO_MANY_REQUESTS, "m", 429, null, List.of(), null,
        Duration.ofNanos(1)).retryAfterSeconds()).isEqualTo(1);
    assertThat(new WireError(ErrorCode.TOO_MANY_REQUESTS, "m", 429, null, List.of(), null,
        Duration.ZERO).retryAfterSeconds()).isZero();
    assertThat(new WireError(ErrorCode.CONFLICT, "m", 409, null, List.of(), null, null)
        .retryAfterSeconds()).isEqualTo(-1);
  }

  @Test
  void writesAResultOfAnySizeWithItsResourcesSortedWhateverTheirOrder() {
    String text = "x".repeat(100);
    byte[] json = envelopes.result(String.class, text, true, List.of("todos", "todo/2", "lists"));

    assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo("{\"result\":{\"data\":\""
        + text + "\",\"resources\":[\"lists\",\"todo/2\",\"todos\"]}}");
    assertThat(new String(envelopes.result(Void.class, null, false, List.of("todos")),
        StandardCharsets.UTF_8)).isEqualTo("{\"result\":{\"resources\":[\"todos\"]}}");
    assertThat(new String(envelopes.result(Void.class, null, false, List.of("b", "a")),
        StandardCharsets.UTF_8)).isEqualTo("{\"result\":{\"resources\":[\"a\",\"b\"]}}");
  }

  @Test
  void takesTheHttpStatusInTheErrorOverTheOneItCameWith() {
    WireError read =
        Envelopes.error(tree("{\"message\":\"slow down\",\"data\":{\"httpStatus\":429}}"), 200);

    assertThat(read.httpStatus()).isEqualTo(429);
    assertThat(read.code()).isEqualTo(ErrorCode.TOO_MANY_REQUESTS);
    for (String notAnInt : List.of("4.5", "4294967696", "\"429\"", "null")) {
      assertThat(Envelopes.error(tree("{\"data\":{\"httpStatus\":" + notAnInt + "}}"), 503)
          .httpStatus()).as(notAnInt).isEqualTo(503);
    }
  }

  @Test
  void readsARetryDelayOfZeroSeconds() {
    WireError read =
        Envelopes.error(tree("{\"data\":{\"code\":\"TOO_MANY_REQUESTS\",\"retryAfter\":0}}"), 429);

    assertThat(read.retryAfter()).isEqualTo(Duration.ZERO);
  }

  @Test
  void tellsAnythingElseIsUnreadable() {
    assertThat(Envelopes.read(tree("{\"data\":1}".getBytes(StandardCharsets.UTF_8)), 200))
        .isInstanceOf(Reply.Unreadable.class);
  }

  @Test
  void aBatchIsItsElementsInOrder() {
    List<byte[]> elements = new ArrayList<>();
    elements.add(envelopes.result(String.class, "a", true, null));
    elements.add(envelopes.error(new ParleyException(ErrorCode.NOT_FOUND, "no"), "b"));

    JsonNode batch = tree(Envelopes.batch(elements));

    assertThat(batch.size()).isEqualTo(2);
    assertThat(((Reply.Data) Envelopes.read(batch.get(0), 207)).data().asString()).isEqualTo("a");
    assertThat(((Reply.Failure) Envelopes.read(batch.get(1), 207)).error().path()).isEqualTo("b");
  }
}
