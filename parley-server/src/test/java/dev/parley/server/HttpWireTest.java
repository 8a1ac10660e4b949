package dev.parley.server;

import static dev.parley.server.Fixture.get;
import static dev.parley.server.Fixture.input;
import static dev.parley.server.Fixture.post;
import static dev.parley.server.WireAssert.assertError;
import static dev.parley.server.WireAssert.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.ErrorCode;
import dev.parley.ParleyException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpWireTest {
  private final ParleyServer<Identity<Void>> server = Fixture.server();

  @Test
  void answersQueryByGetWithResultData() {
    ParleyResponse r = server.handle(get("todos.list", ""));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.headers()).containsEntry("content-type", "application/json");
    assertThat(r.bodyText()).isEqualTo("{\"result\":{\"data\":[{\"id\":1,\"text\":\"milk\"}]}}");
  }

  @Test
  void readsQueryInputFromTheInputParameter() {
    ParleyResponse r = server.handle(get("todos.get", input("{\"id\":1}")));
    assertThat(r.bodyText()).isEqualTo("{\"result\":{\"data\":{\"id\":1,\"text\":\"milk\"}}}");
  }

  @Test
  void answersMutationWithItsResourcesBesideData() {
    ParleyResponse r = server.handle(post("todos.add", "", "{\"text\":\"eggs\"}"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.bodyText()).isEqualTo(
        "{\"result\":{\"data\":{\"id\":2,\"text\":\"eggs\"},\"resources\":[\"todo/2\",\"todos\"]}}");
  }

  @Test
  void treatsEmptyJsonPostAsNoInput() {
    ParleyResponse r = server.handle(post("ping", "", new byte[0], "application/json"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.bodyText()).isEqualTo("{\"result\":{\"resources\":[]}}");
  }

  @Test
  void refusesAPostWithoutContentTypeEvenWhenEmpty() {
    ParleyResponse r = server.handle(post("ping", "", new byte[0], null));
    assertThat(r.status()).isEqualTo(415);
    assertThat(r.bodyText()).contains("UNSUPPORTED_MEDIA_TYPE");
    assertThat(server.handle(post("ping", "", new byte[0], "application/json")).status())
        .isEqualTo(200);
  }

  @Test
  void acceptsJsonContentTypeWithCharset() {
    ParleyResponse r = server.handle(post("todos.add", "",
        "{\"text\":\"eggs\"}".getBytes(), "Application/JSON; charset=UTF-8"));
    assertThat(r.status()).as(r.bodyText()).isEqualTo(200);
  }

  @Test
  void passesHandlerParleyExceptionThrough() {
    ParleyResponse r = server.handle(get("todos.get", input("{\"id\":99}")));
    var error = assertError(r, 404, "NOT_FOUND", -32004, "todos.get");
    assertThat(error.get("message").asString()).isEqualTo("no todo 99");
  }

  @Test
  void sendsExceptionDataAsDetails() {
    var p = dev.parley.Parley.query("conflict");
    var contract = dev.parley.Contract.of(p);
    var server2 = ParleyServer.builder(contract).build();
    server2.implement(p, (ctx, in) -> {
      throw new ParleyException(ErrorCode.CONFLICT, "taken", List.of(), Map.of("owner", "ann"), null);
    });
    var error = assertError(server2.handle(get("conflict", "")), 409, "CONFLICT", -32009, "conflict");
    assertThat(error.get("data").get("details").get("owner").asString()).isEqualTo("ann");
  }

  @Test
  void answersHeadWithNoContent() {
    ParleyResponse r = server.handle(new ParleyRequest("HEAD", "todos.list", "", Map.of(),
        new byte[0], null));
    assertThat(r.status()).isEqualTo(204);
    assertThat(r.body()).isEmpty();
  }

  @Test
  void refusesCallsOfAProcedureNotImplemented() {
    var bare = ParleyServer.builder(Fixture.CONTRACT).build();
    assertError(bare.handle(get("todos.list", "")), 501, "NOT_IMPLEMENTED", -32603, "todos.list");
  }

  @Test
  void readsNonAsciiTextInABody() {
    ParleyResponse r = server.handle(post("todos.add", "", "{\"text\":\"crème brûlée\"}"));
    assertThat(json(r).get("result").get("data").get("text").asString()).isEqualTo("crème brûlée");
  }

  @Test
  void readsUrlEncodedNonAsciiQueryInput() {
    ParleyResponse r = server.handle(get("todos.get", input("{\"id\":1,\"note\":\"crème + €\"}")));
    assertThat(r.status()).as(r.bodyText()).isEqualTo(200);
  }

  @Test
  void refusesAQueryInputWhoseCharactersAreNotEncoded() {
    for (String raw : java.util.List.of("batch=1&input={\"0\":{\"id\":1}}", "input={\"id\":1}",
        "input=%7B%22id%22:1,%22n%22:%22é%22%7D", "input=%7B%22id%22%3A%201%7D%20x y")) {
      WireAssert.assertError(server.handle(get("todos.get", raw)), 400, "BAD_REQUEST", -32600, null);
    }
    assertThat(server.handle(get("todos.get", "input=%7B%22id%22:1%7D")).status()).isEqualTo(200);
  }

  @Test
  void treatsAWhitespaceBodyAsNoInput() {
    var error = assertError(server.handle(post("todos.add", "", " \n")), 400, "BAD_REQUEST", -32600,
        "todos.add");
    assertThat(error.get("message").asString()).isEqualTo("input is required");
  }

  @Test
  void servesManyConcurrentRequests() throws Exception {
    try (var pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      var futures = new java.util.ArrayList<java.util.concurrent.Future<ParleyResponse>>();
      for (int i = 0; i < 200; i++) {
        String text = "t" + i;
        futures.add(pool.submit(() -> server.handle(post("todos.add", "",
            "{\"text\":\"" + text + "\"}"))));
      }
      for (var f : futures) {
        assertThat(f.get().status()).isEqualTo(200);
      }
    }
    assertThat(json(server.handle(get("todos.list", ""))).get("result").get("data").size())
        .isEqualTo(201);
  }
}
