package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.ErrorCode;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays every request of {@code docs/protocol.md} against the fixture server through {@code
 * handle()} and compares the answers with the documented ones, so the document cannot rot.
 */
class ProtocolDocTest {
  private static final Pattern HTTP_BLOCK = Pattern.compile("```http\\n(.*?)```", Pattern.DOTALL);
  private static final Pattern CODE_ROW =
      Pattern.compile("^\\| `([A-Z_]+)` \\| (\\d+) \\| (-?\\d+) \\|", Pattern.MULTILINE);
  private static final String BASE = "/parley/";

  private record Message(String startLine, Map<String, String> headers, String body) {}

  private record Example(Message request, Message response) {}

  @TestFactory
  Stream<DynamicTest> everyDocumentedExampleIsWhatTheServerAnswers() throws IOException {
    List<Example> examples = examples(doc());
    assertThat(examples).hasSizeGreaterThanOrEqualTo(12);
    return examples.stream().map(e -> DynamicTest.dynamicTest(e.request().startLine(), () -> {
      ParleyResponse actual = Fixture.server().handle(toRequest(e.request()));
      int status = Integer.parseInt(e.response().startLine().split(" ")[1]);
      assertThat(actual.status()).as(actual.bodyText()).isEqualTo(status);
      e.response().headers().forEach((k, v) -> assertThat(actual.headers()).containsEntry(k, v));
      if (status == 304) {
        assertThat(actual.body()).isEmpty();
        assertThat(e.response().body()).isEmpty();
        return;
      }
      if ("text/event-stream".equals(e.response().headers().get("content-type"))) {
        assertThat(actual.bodyText().strip()).isEqualTo(e.response().body());
        return;
      }
      if ("application/jsonl".equals(e.response().headers().get("content-type"))) {
        assertSameLines(actual.bodyText(), e.response().body());
        return;
      }
      assertThat(WireAssert.json(actual)).as(actual.bodyText())
          .isEqualTo(WireAssert.json(e.response().body()));
    }));
  }

  /** The same head first, then the same lines in any order: calls end in the order they end. */
  private static void assertSameLines(String actual, String documented) {
    assertThat(actual).endsWith("\n");
    List<tools.jackson.databind.JsonNode> got = actual.lines().map(WireAssert::json).toList();
    List<tools.jackson.databind.JsonNode> want = documented.lines().map(WireAssert::json).toList();
    assertThat(got.get(0)).isEqualTo(want.get(0));
    assertThat(got.subList(1, got.size())).containsExactlyInAnyOrderElementsOf(
        want.subList(1, want.size()));
  }

  @Test
  void theErrorCodeTableListsEveryCodeAsErrorCodeDefinesIt() throws IOException {
    Matcher m = CODE_ROW.matcher(doc());
    List<String> rows = new ArrayList<>();
    while (m.find()) {
      rows.add(m.group(1) + " " + m.group(2) + " " + m.group(3));
    }
    assertThat(rows).containsExactlyElementsOf(Arrays.stream(ErrorCode.values())
        .map(c -> c.name() + " " + c.httpStatus() + " " + c.jsonRpcCode()).toList());
  }

  private static String doc() throws IOException {
    Path p = Path.of("..", "docs", "protocol.md");
    return Files.readString(Files.exists(p) ? p : Path.of("docs", "protocol.md"));
  }

  private static List<Example> examples(String doc) {
    List<Message> blocks = new ArrayList<>();
    Matcher m = HTTP_BLOCK.matcher(doc);
    while (m.find()) {
      blocks.add(parse(m.group(1)));
    }
    List<Example> examples = new ArrayList<>();
    for (int i = 0; i + 1 < blocks.size(); i++) {
      if (!blocks.get(i).startLine().startsWith("HTTP/")
          && blocks.get(i + 1).startLine().startsWith("HTTP/")) {
        examples.add(new Example(blocks.get(i), blocks.get(i + 1)));
        i++;
      }
    }
    return examples;
  }

  private static Message parse(String block) {
    String[] parts = block.split("\\n\\n", 2);
    String[] head = parts[0].split("\\n");
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 1; i < head.length; i++) {
      String[] kv = head[i].split(":", 2);
      headers.put(kv[0].trim().toLowerCase(), kv[1].trim());
    }
    String body = parts.length > 1 ? parts[1].strip() : "";
    return new Message(head[0].trim(), headers, body);
  }

  private static ParleyRequest toRequest(Message m) {
    String[] line = m.startLine().split(" ", 2);
    String target = line[1].substring(BASE.length());
    int q = target.indexOf('?');
    String path = q < 0 ? target : target.substring(0, q);
    String query = q < 0 ? "" : target.substring(q + 1);
    int input = query.indexOf("input=");
    if (input >= 0) {
      query = query.substring(0, input + 6)
          + URLEncoder.encode(query.substring(input + 6), StandardCharsets.UTF_8);
    }
    Map<String, List<String>> headers = new LinkedHashMap<>();
    m.headers().forEach((k, v) -> headers.put(k, List.of(v)));
    byte[] body = m.body().isEmpty() ? new byte[0] : m.body().getBytes(StandardCharsets.UTF_8);
    return new ParleyRequest(line[0], path, query, headers, body, null);
  }
}
