package dev.parley.server;

import static dev.parley.server.Fixture.get;
import static dev.parley.server.Fixture.input;
import static dev.parley.server.Fixture.post;
import static dev.parley.server.WireAssert.assertError;
import static dev.parley.server.WireAssert.assertStillServes;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Every bad input of the wire: the right code, status and shape, and the server still serves. */
class BadInputTest {
  private final ParleyServer<Identity<Void>> server = Fixture.server();

  @AfterEach
  void serverStillServes() {
    assertStillServes(server);
  }

  @Test
  void rejectsMalformedJsonAsParseError() {
    var error = assertError(server.handle(post("todos.add", "", "{\"text\":")),
        400, "PARSE_ERROR", -32700, "todos.add");
    assertThat(error.get("message").asString()).startsWith("input is not valid JSON");
  }

  @Test
  void rejectsMalformedJsonInQueryInput() {
    assertError(server.handle(get("todos.get", input("{id:1}"))),
        400, "PARSE_ERROR", -32700, "todos.get");
  }

  @Test
  void rejectsJsonOfTheWrongType() {
    var error = assertError(server.handle(post("todos.add", "", "{\"text\":5}")),
        400, "BAD_REQUEST", -32600, "todos.add");
    assertIssue(error, "text");
  }

  @Test
  void rejectsAnArrayWhereAnObjectIsExpected() {
    assertError(server.handle(post("todos.add", "", "[1,2]")), 400, "BAD_REQUEST", -32600,
        "todos.add");
  }

  @Test
  void rejectsAMissingField() {
    var error = assertError(server.handle(post("todos.add", "", "{}")),
        400, "BAD_REQUEST", -32600, "todos.add");
    assertIssue(error, "text");
  }

  @Test
  void ignoresAnExtraField() {
    var r = server.handle(post("todos.add", "", "{\"text\":\"eggs\",\"color\":\"red\"}"));
    assertThat(r.status()).as(r.bodyText()).isEqualTo(200);
  }

  @Test
  void rejectsAValueOutOfConstraint() {
    var error = assertError(server.handle(post("todos.add", "", "{\"text\":\"" + "x".repeat(21)
        + "\"}")), 400, "BAD_REQUEST", -32600, "todos.add");
    assertIssue(error, "text");
  }

  @Test
  void rejectsABlankValueWithItsIssue() {
    var error = assertError(server.handle(post("todos.add", "", "{\"text\":\" \"}")),
        400, "BAD_REQUEST", -32600, "todos.add");
    assertIssue(error, "text");
  }

  @Test
  void rejectsAnUnknownProcedureAsNotFound() {
    var error = assertError(server.handle(get("nope", "")), 404, "NOT_FOUND", -32004, "nope");
    assertThat(error.get("message").asString()).isEqualTo("No procedure found on path \"nope\"");
  }

  @Test
  void rejectsMutationByGet() {
    assertError(server.handle(get("todos.add", input("{\"text\":\"x\"}"))),
        405, "METHOD_NOT_SUPPORTED", -32005, "todos.add");
  }

  @Test
  void rejectsQueryByPost() {
    assertError(server.handle(post("todos.list", "", "")),
        405, "METHOD_NOT_SUPPORTED", -32005, "todos.list");
  }

  @Test
  void rejectsOtherMethods() {
    var r = server.handle(new ParleyRequest("PUT", "todos.add", "", java.util.Map.of(),
        new byte[0], null));
    assertError(r, 405, "METHOD_NOT_SUPPORTED", -32005, "todos.add");
  }

  @Test
  void rejectsABodyOverTheLimit() {
    String big = "{\"text\":\"" + "x".repeat(Fixture.OPTIONS.maxBodyBytes()) + "\"}";
    assertError(server.handle(post("todos.add", "", big)), 413, "PAYLOAD_TOO_LARGE", -32013, null);
  }

  @Test
  void rejectsAQueryInputOverTheLimit() {
    String big = "{\"id\":1,\"x\":\"" + "x".repeat(Fixture.OPTIONS.maxBodyBytes()) + "\"}";
    assertError(server.handle(get("todos.get", input(big))), 413, "PAYLOAD_TOO_LARGE", -32013, null);
  }

  @Test
  void rejectsNestingOverTheLimit() {
    int depth = Fixture.OPTIONS.maxJsonDepth() + 1;
    String deep = "{\"text\":\"x\",\"extra\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
    var error = assertError(server.handle(post("todos.add", "", deep)),
        400, "BAD_REQUEST", -32600, "todos.add");
    assertThat(error.get("message").asString()).contains("nests deeper");
  }

  @Test
  void acceptsNestingAtTheLimit() {
    int depth = Fixture.OPTIONS.maxJsonDepth() - 1;
    String deep = "{\"text\":\"x\",\"extra\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
    var r = server.handle(post("todos.add", "", deep));
    assertThat(r.status()).as(r.bodyText()).isEqualTo(200);
  }

  @Test
  void rejectsInvalidUtf8AsParseError() {
    byte[] body = {'{', '"', 't', 'e', 'x', 't', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
    assertError(server.handle(post("todos.add", "", body, "application/json")),
        400, "PARSE_ERROR", -32700, "todos.add");
  }

  @Test
  void rejectsInvalidUtf8InQueryInputAsParseError() {
    assertError(server.handle(get("todos.get", "input=%7B%22id%22%3A%C3%28%7D")),
        400, "PARSE_ERROR", -32700, "todos.get");
  }

  @Test
  void rejectsBrokenUrlEncoding() {
    assertError(server.handle(get("todos.get", "input=%7B%2")), 400, "PARSE_ERROR", -32700, null);
  }

  @Test
  void rejectsAnEmptyBodyWhereInputIsRequired() {
    var error = assertError(server.handle(post("todos.add", "", new byte[0], "application/json")),
        400, "BAD_REQUEST", -32600, "todos.add");
    assertThat(error.get("message").asString()).isEqualTo("input is required");
  }

  @Test
  void rejectsAMissingQueryInputWhereInputIsRequired() {
    var error = assertError(server.handle(get("todos.get", "")),
        400, "BAD_REQUEST", -32600, "todos.get");
    assertThat(error.get("message").asString()).isEqualTo("input is required");
  }

  @Test
  void rejectsAWrongContentType() {
    assertError(server.handle(post("todos.add", "", "text=x".getBytes(), "text/plain")),
        415, "UNSUPPORTED_MEDIA_TYPE", -32015, null);
  }

  @Test
  void rejectsABodyWithoutContentType() {
    assertError(server.handle(post("todos.add", "", "{\"text\":\"x\"}".getBytes(), null)),
        415, "UNSUPPORTED_MEDIA_TYPE", -32015, null);
  }

  @Test
  void rejectsJsonInAnotherCharset() {
    assertError(server.handle(post("todos.add", "", "{\"text\":\"x\"}".getBytes(),
        "application/json; charset=iso-8859-1")), 415, "UNSUPPORTED_MEDIA_TYPE", -32015, null);
  }

  @Test
  void hidesTheDetailsOfAHandlerThatThrows() {
    var r = server.handle(get("boom", ""));
    var error = assertError(r, 500, "INTERNAL_SERVER_ERROR", -32603, "boom");
    assertThat(error.get("message").asString()).isEqualTo("Internal server error");
    assertThat(r.bodyText()).doesNotContain("secret", "Exception", "at dev.");
  }

  @Test
  void hidesAnOutputThatFailsItsSchema() {
    var r = server.handle(get("badOutput", ""));
    var error = assertError(r, 500, "INTERNAL_SERVER_ERROR", -32603, "badOutput");
    assertThat(error.get("message").asString()).isEqualTo("Internal server error");
    assertThat(error.get("data").has("issues")).isFalse();
  }

  private static void assertIssue(JsonNode error, String path) {
    JsonNode issues = error.get("data").get("issues");
    assertThat(issues.isArray()).isTrue();
    assertThat(issues.get(0).get("path").asString()).isEqualTo(path);
    assertThat(issues.get(0).get("message").asString()).isNotBlank();
  }
}
