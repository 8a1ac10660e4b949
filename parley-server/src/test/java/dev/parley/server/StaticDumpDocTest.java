package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The files of {@code docs/protocol.md}'s "Static dumps" section, each marked {@code <!-- dump:
 * path -->}, are what the fixture server's {@code dump} writes, file by file, as JSON values.
 */
class StaticDumpDocTest {
  private static final Pattern DUMP_FILE =
      Pattern.compile("<!-- dump: (\\S+) -->\\n```json\\n(.*?)```", Pattern.DOTALL);

  @TempDir Path dir;

  @Test
  void everyDocumentedDumpFileIsWhatTheServerWrites() throws IOException {
    Path doc = Path.of("..", "docs", "protocol.md");
    String text = Files.readString(Files.exists(doc) ? doc : Path.of("docs", "protocol.md"));
    Map<String, String> documented = new LinkedHashMap<>();
    Matcher m = DUMP_FILE.matcher(text);
    while (m.find()) {
      documented.put(m.group(1), m.group(2));
    }
    assertThat(documented).containsOnlyKeys("manifest.json", "procedures/todos.get.json",
        "procedures/version.json");

    Fixture.server().dump(dir);

    try (var files = Files.walk(dir)) {
      assertThat(files.filter(Files::isRegularFile).map(f -> dir.relativize(f).toString()))
          .containsExactlyInAnyOrderElementsOf(documented.keySet());
    }
    documented.forEach((file, json) -> {
      try {
        assertThat(WireAssert.json(Files.readString(dir.resolve(file)))).as(file)
            .isEqualTo(WireAssert.json(json));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }
}
