package dev.parley.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Runs the README's example and checks that the README shows exactly its code. */
class ReadmeExampleTest {

  static final Path SOURCE = Path.of("src/main/java/dev/parley/examples/ReadmeExample.java");
  static final Path README = Path.of("../README.md");
  static final String SNIPPET_MARK = "<!-- snippet: parley-examples/" + SOURCE.toString().replace('\\', '/') + " -->";

  @Test
  void exampleRunsAgainstARealServer() {
    assertThat(ReadmeExample.addMilk()).isEqualTo(new ReadmeExample.Todo(1, "milk", "ada"));
  }

  @Test
  void readmeShowsTheExampleVerbatim() throws IOException {
    assertThat(readmeSnippet()).isEqualTo(sourceRegion());
  }

  /** The lines between the README markers of the source, without the class body's indentation. */
  static String sourceRegion() throws IOException {
    List<String> lines = Files.readAllLines(SOURCE);
    int begin = lines.indexOf("  // README:begin");
    int end = lines.indexOf("  // README:end");
    assertThat(begin).as("README:begin in %s", SOURCE).isNotNegative();
    assertThat(end).as("README:end in %s", SOURCE).isGreaterThan(begin);
    return lines.subList(begin + 1, end).stream()
        .map(l -> l.startsWith("  ") ? l.substring(2) : l)
        .collect(Collectors.joining("\n"));
  }

  /** The first java code block after the snippet mark in the README. */
  static String readmeSnippet() throws IOException {
    List<String> lines = Files.readAllLines(README);
    int mark = lines.indexOf(SNIPPET_MARK);
    assertThat(mark).as("%s in %s", SNIPPET_MARK, README).isNotNegative();
    int open = lines.subList(mark, lines.size()).indexOf("```java") + mark;
    int close = lines.subList(open + 1, lines.size()).indexOf("```") + open + 1;
    assertThat(close).as("a closed java block after the mark").isGreaterThan(open);
    return String.join("\n", lines.subList(open + 1, close));
  }
}
