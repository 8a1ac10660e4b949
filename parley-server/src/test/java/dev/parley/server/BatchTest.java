package dev.parley.server;

import static dev.parley.server.Fixture.get;
import static dev.parley.server.Fixture.input;
import static dev.parley.server.Fixture.post;
import static dev.parley.server.WireAssert.assertError;
import static dev.parley.server.WireAssert.assertErrorElement;
import static dev.parley.server.WireAssert.assertStillServes;
import static dev.parley.server.WireAssert.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class BatchTest {
  private final ParleyServer<Identity<Void>> server = Fixture.server();

  @Test
  void answersABatchOfQueriesInOrder() {
    ParleyResponse r = server.handle(get("todos.list,todos.get", "batch=1&" + input("{\"1\":{\"id\":1}}")));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.bodyText()).isEqualTo("[{\"result\":{\"data\":[{\"id\":1,\"text\":\"milk\"}]}},"
        + "{\"result\":{\"data\":{\"id\":1,\"text\":\"milk\"}}}]");
  }

  @Test
  void answersABatchOfMutationsByPost() {
    ParleyResponse r = server.handle(post("todos.add,todos.add", "batch=1",
        "{\"0\":{\"text\":\"a\"},\"1\":{\"text\":\"b\"}}"));
    assertThat(r.status()).as(r.bodyText()).isEqualTo(200);
    JsonNode body = json(r);
    assertThat(body.get(0).get("result").get("data").get("text").asString()).isEqualTo("a");
    assertThat(body.get(1).get("result").get("data").get("text").asString()).isEqualTo("b");
    assertThat(body.get(1).get("result").get("resources").isArray()).isTrue();
  }

  @Test
  void answersMixedOutcomesWithStatus207() {
    ParleyResponse r = server.handle(get("todos.list,nope", "batch=1"));
    assertThat(r.status()).isEqualTo(207);
    JsonNode body = json(r);
    assertThat(body.get(0).has("result")).isTrue();
    assertErrorElement(body.get(1), 404, "NOT_FOUND", -32004, "nope");
  }

  @Test
  void answersTheCommonStatusWhenEveryCallFailsAlike() {
    ParleyResponse r = server.handle(get("nope,nada", "batch=1"));
    assertThat(r.status()).isEqualTo(404);
    assertErrorElement(json(r).get(1), 404, "NOT_FOUND", -32004, "nada");
  }

  @Test
  void validatesEachCallOfABatchOnItsOwn() {
    ParleyResponse r = server.handle(post("todos.add,todos.add", "batch=1",
        "{\"0\":{\"text\":\"ok\"},\"1\":{\"text\":5}}"));
    assertThat(r.status()).isEqualTo(207);
    JsonNode error = assertErrorElement(json(r).get(1), 400, "BAD_REQUEST", -32600, "todos.add");
    assertThat(error.get("data").get("issues").get(0).get("path").asString()).isEqualTo("text");
  }

  @Test
  void rejectsABatchOverTheLimitAndRunsNone() {
    AtomicInteger runs = new AtomicInteger();
    var s = ParleyServer.builder(Fixture.CONTRACT).options(Fixture.OPTIONS)
        .use((ctx, call, next) -> {
          runs.incrementAndGet();
          return next.proceed(ctx);
        }).build();
    Fixture.implement(s);
    String names = String.join(",", java.util.Collections.nCopies(
        Fixture.OPTIONS.maxBatchSize() + 1, "todos.list"));
    var error = assertError(s.handle(get(names, "batch=1")), 400, "BAD_REQUEST", -32600, null);
    assertThat(error.get("message").asString()).contains("larger than the limit");
    assertThat(runs).hasValue(0);
    assertStillServes(s);
  }

  @Test
  void rejectsABatchInputThatIsNotAnObject() {
    assertError(server.handle(get("todos.list", "batch=1&" + input("[1]"))),
        400, "BAD_REQUEST", -32600, null);
    assertStillServes(server);
  }

  @Test
  void rejectsAMalformedBatchBodyAsOneParseError() {
    assertError(server.handle(post("todos.add,todos.add", "batch=1", "{\"0\":")),
        400, "PARSE_ERROR", -32700, null);
    assertStillServes(server);
  }

  @Test
  void allowsFullDepthInsideABatchEnvelope() {
    int depth = Fixture.OPTIONS.maxJsonDepth() - 1;
    String deep = "{\"text\":\"x\",\"extra\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
    ParleyResponse r = server.handle(post("todos.add", "batch=1", "{\"0\":" + deep + "}"));
    assertThat(r.status()).as(r.bodyText()).isEqualTo(200);
  }
}
