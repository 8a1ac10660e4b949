package dev.parley.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.ErrorCode;
import dev.parley.Issue;
import dev.parley.Mutation;
import dev.parley.Parley;
import dev.parley.Query;
import dev.parley.Schema;
import dev.parley.Shared;
import dev.parley.client.ParleyClientException;
import dev.parley.internal.json.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Decoding of tRPC v11 answers: success, error, batch, and answers that are none of these. */
class RepliesTest {
  record Item(String name, int count) {}

  static final Query<Shared, Void, List<Item>> LIST =
      Parley.query("items.list").output(Schema.listOf(Item.class));
  static final Query<Shared, Void, Void> PING = Parley.query("ping");
  static final Mutation<Shared, String, Item> ADD =
      Parley.mutation("items.add").input(String.class).output(Item.class);

  private final JsonCodec codec = JsonCodec.standard();

  private static Call call(dev.parley.Procedure<?, ?, ?> p) {
    return new Call(Endpoint.of("http://h/p", p), null, null, null, Call.NO_DEADLINE);
  }

  private void deliver(List<Call> calls, int status, String body) {
    Replies.deliver(calls, calls.size() > 1, status, null, body.getBytes(StandardCharsets.UTF_8),
        codec);
  }

  private static ParleyClientException failure(Call call) {
    assertThat(call.reply).isCompletedExceptionally();
    try {
      call.reply.join();
      throw new AssertionError();
    } catch (CompletionException e) {
      return (ParleyClientException) e.getCause();
    }
  }

  @Test
  void decodesDataWithTheOutputSchema() {
    Call c = call(LIST);
    deliver(List.of(c), 200, "{\"result\":{\"data\":[{\"name\":\"a\",\"count\":2}],\"extra\":1}}");

    assertThat(c.reply.join().value()).isEqualTo(List.of(new Item("a", 2)));
    assertThat(c.reply.join().resources()).isEmpty();
  }

  @Test
  void missingDataIsNullForVoidOutput() {
    Call c = call(PING);
    deliver(List.of(c), 200, "{\"result\":{}}");

    assertThat(c.reply.join().value()).isNull();
  }

  @Test
  void readsMutationResourcesInOrder() {
    Call c = call(ADD);
    deliver(List.of(c), 200,
        "{\"result\":{\"data\":{\"name\":\"x\",\"count\":1},\"resources\":[\"item/1\",\"items\"]}}");

    assertThat(c.reply.join().resources()).containsExactly("item/1", "items");
  }

  @Test
  void readsErrorCodeStatusMessageIssuesAndDetails() {
    Call c = call(ADD);
    deliver(List.of(c), 400, """
        {"error":{"message":"input is invalid","code":-32600,"data":{"code":"BAD_REQUEST",
        "httpStatus":400,"path":"items.add","issues":[{"path":"name","message":"must not be blank"},
        {"path":"count","message":"must be positive"}],"details":{"max":3}}}}""");

    ParleyClientException e = failure(c);
    assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
    assertThat(e.httpStatus()).isEqualTo(400);
    assertThat(e.getMessage()).isEqualTo("input is invalid");
    assertThat(e.issues()).containsExactly(
        new Issue("name", "must not be blank"), new Issue("count", "must be positive"));
    assertThat(e.data()).get().isInstanceOf(JsonNode.class);
    assertThat(((JsonNode) e.data().orElseThrow()).get("max").intValue()).isEqualTo(3);
  }

  @Test
  void errorWithoutKnownCodeFallsBackToItsHttpStatus() {
    Call c = call(LIST);
    deliver(List.of(c), 500, "{\"error\":{\"message\":\"teapot\",\"code\":-1,"
        + "\"data\":{\"code\":\"I_AM_A_TEAPOT\",\"httpStatus\":429}}}");

    ParleyClientException e = failure(c);
    assertThat(e.code()).isEqualTo(ErrorCode.TOO_MANY_REQUESTS);
    assertThat(e.httpStatus()).isEqualTo(429);
  }

  @Test
  void decodesBatchAnswersInOrderEachWithItsOwnStatus() {
    Call list = call(LIST);
    Call ping = call(PING);
    Call add = call(ADD);
    deliver(List.of(list, ping, add), 207, """
        [{"result":{"data":[]}},
         {"error":{"message":"nope","code":-32004,"data":{"code":"NOT_FOUND","httpStatus":404}}},
         {"result":{"data":{"name":"n","count":0},"resources":["items"]}}]""");

    assertThat(list.reply.join().value()).isEqualTo(List.of());
    assertThat(failure(ping).code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(failure(ping).httpStatus()).isEqualTo(404);
    assertThat(add.reply.join().value()).isEqualTo(new Item("n", 0));
    assertThat(add.reply.join().resources()).containsExactly("items");
  }

  @Test
  void wholeRequestErrorFailsEveryCallOfTheBatch() {
    Call a = call(LIST);
    Call b = call(PING);
    deliver(List.of(a, b), 400, "{\"error\":{\"message\":\"Batch of 2 calls is larger than the "
        + "limit of 1\",\"code\":-32600,\"data\":{\"code\":\"BAD_REQUEST\",\"httpStatus\":400}}}");

    assertThat(failure(a).code()).isEqualTo(ErrorCode.BAD_REQUEST);
    assertThat(failure(b).getMessage()).contains("larger than the limit");
  }

  @Test
  void batchAnswerOfWrongSizeFailsEveryCall() {
    Call a = call(LIST);
    Call b = call(PING);
    deliver(List.of(a, b), 200, "[{\"result\":{\"data\":[]}}]");

    assertThat(failure(a).code()).isEqualTo(ErrorCode.INTERNAL_SERVER_ERROR);
    assertThat(failure(b).code()).isEqualTo(ErrorCode.INTERNAL_SERVER_ERROR);
  }

  @Test
  void nonJsonBodyMapsByHttpStatus() {
    Call c = call(LIST);
    deliver(List.of(c), 503, "<html>Service Unavailable</html>");

    ParleyClientException e = failure(c);
    assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
    assertThat(e.httpStatus()).isEqualTo(503);
  }

  @Test
  void jsonThatIsNoEnvelopeMapsByHttpStatusOrIsInternalOn2xx() {
    Call proxied = call(LIST);
    deliver(List.of(proxied), 401, "{\"message\":\"login first\"}");
    Call odd = call(LIST);
    deliver(List.of(odd), 200, "{\"data\":[]}");

    assertThat(failure(proxied).code()).isEqualTo(ErrorCode.UNAUTHORIZED);
    assertThat(failure(odd).code()).isEqualTo(ErrorCode.INTERNAL_SERVER_ERROR);
  }

  @Test
  void outputOfTheWrongShapeIsInternalServerErrorWithIssues() {
    Call c = call(LIST);
    deliver(List.of(c), 200, "{\"result\":{\"data\":[{\"name\":\"a\",\"count\":\"many\"}]}}");

    ParleyClientException e = failure(c);
    assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL_SERVER_ERROR);
    assertThat(e.httpStatus()).isEqualTo(200);
    assertThat(e.issues()).extracting(Issue::path).containsExactly("[0].count");
    assertThat(e.getMessage()).startsWith("items.list: ");
  }
}
