package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays every WebSocket exchange of {@code docs/protocol.md} on a connection of its own to the
 * fixture server, through {@link ParleyServer#openSocket}: lines {@code →} are sent, lines {@code
 * ←} must be what the server sends next (those after one {@code →} in any order, since calls run
 * concurrently), and a line {@code ✕} the code and reason it closes with; after the last line
 * nothing more is sent. A line {@code ↪} is sent by another client on a second connection, whose
 * answers are not shown: the replay waits for each (and a moment), so that its mutation's
 * invalidation is numbered before the next line is sent.
 */
class SocketDocTest {
  private static final Pattern WS_BLOCK = Pattern.compile("```ws\\n(.*?)```", Pattern.DOTALL);

  @TestFactory
  Stream<DynamicTest> everyDocumentedExchangeIsWhatTheServerSends() throws IOException {
    List<String> blocks = new ArrayList<>();
    Matcher m = WS_BLOCK.matcher(doc());
    while (m.find()) {
      blocks.add(m.group(1));
    }
    assertThat(blocks).hasSizeGreaterThanOrEqualTo(10);
    return blocks.stream().map(b -> DynamicTest.dynamicTest(b.lines().findFirst().orElseThrow(),
        () -> replay(b)));
  }

  private static void replay(String block) throws Exception {
    List<String> lines = block.lines().toList();
    String query = "";
    int start = 0;
    if (lines.get(0).startsWith("ws://")) {
      int q = lines.get(0).indexOf('?');
      query = q < 0 ? "" : lines.get(0).substring(q + 1);
      start = 1;
    }
    ParleyServer<?> server = Fixture.server();
    RecordingSocket socket = RecordingSocket.open(server, query);
    RecordingSocket other = null;
    List<String> expected = new ArrayList<>();
    for (int i = start; i <= lines.size(); i++) {
      String line = i < lines.size() ? lines.get(i) : "→ end";
      if (line.startsWith("← ")) {
        expected.add(line.substring(2));
        continue;
      }
      List<String> got = new ArrayList<>();
      for (int n = 0; n < expected.size(); n++) {
        got.add(socket.next());
      }
      assertThat(got.stream().map(SocketDocTest::value).toList()).as(String.join("\n", got))
          .containsExactlyInAnyOrderElementsOf(expected.stream().map(SocketDocTest::value).toList());
      expected.clear();
      if (line.startsWith("✕ ")) {
        assertThat(socket.closed.get(5, TimeUnit.SECONDS)).isEqualTo(line.substring(2));
      } else if (line.equals("→ [a binary message]")) {
        socket.session().onBinary();
      } else if (line.startsWith("↪ ")) { // another client, on a connection of its own
        other = other != null ? other : RecordingSocket.open(server, "");
        other.session().onText(line.substring(2));
        other.next(); // its answer: the mutation is done, its invalidation numbered
        Thread.sleep(50); // numbered just after its answer was handed over
      } else if (line.startsWith("→ ") && i < lines.size()) {
        socket.session().onText(line.substring(2));
      } else if (line.startsWith("→ end")) {
        assertThat(socket.sent.poll(50, TimeUnit.MILLISECONDS)).as("nothing more was sent").isNull();
      } else if (!line.isBlank()) {
        throw new AssertionError("not a line of an exchange: " + line);
      }
    }
    socket.session().onClose(1000);
  }

  /** A message as JSON, or as its text when it is none ({@code PONG}). */
  private static Object value(String message) {
    return message.startsWith("{") || message.startsWith("[") ? WireAssert.json(message) : message;
  }

  private static String doc() throws IOException {
    Path p = Path.of("..", "docs", "protocol.md");
    return Files.readString(Files.exists(p) ? p : Path.of("docs", "protocol.md"));
  }
}
