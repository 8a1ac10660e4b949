package dev.parley.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * The guide in {@code docs/guide} shows only compiled, tested code: every code block of its pages
 * is a Java block marked {@code <!-- snippet: path#region -->} whose text is, verbatim, the region
 * of that source between {@code // guide:region-begin} and {@code // guide:region-end} (less the
 * markers' indentation); every region of the guide's sources is shown on some page; and the pages'
 * relative links lead to files that exist.
 */
class GuideSnippetsTest {
  static final Path ROOT = Path.of("..");
  static final Path GUIDE = ROOT.resolve("docs/guide");
  static final List<String> PAGES =
      List.of("README.md", "contracts.md", "server.md", "client.md", "testing.md");
  static final List<Path> SOURCES = List.of(
      Path.of("src/main/java/dev/parley/examples/guide"),
      Path.of("src/test/java/dev/parley/examples/guide"));

  private static final Pattern MARK = Pattern.compile("<!-- snippet: (\\S+)#([a-z0-9-]+) -->");
  private static final Pattern MARKER = Pattern.compile("( *)// guide:([a-z0-9-]+)-(begin|end)");
  private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)(#[^)\\s]*)?\\)");

  @Test
  void everyCodeBlockOfTheGuideIsAMarkedRegionShownVerbatim() throws IOException {
    Map<String, String> regions = regions();
    SoftAssertions softly = new SoftAssertions();
    int blocks = 0;
    for (String page : PAGES) {
      List<String> lines = Files.readAllLines(GUIDE.resolve(page));
      for (int i = 0; i < lines.size(); i++) {
        if (!lines.get(i).startsWith("```")) {
          continue;
        }
        Matcher mark = i > 0 ? MARK.matcher(lines.get(i - 1)) : MARK.matcher("");
        softly.assertThat(lines.get(i)).as("%s:%d opens a java block", page, i + 1)
            .isEqualTo("```java");
        softly.assertThat(mark.matches())
            .as("%s:%d: a snippet mark on the line before the block", page, i + 1).isTrue();
        int close = i + 1;
        while (close < lines.size() && !lines.get(close).startsWith("```")) {
          close++;
        }
        softly.assertThat(close).as("%s:%d: the block is closed", page, i + 1)
            .isLessThan(lines.size());
        if (mark.matches() && close < lines.size()) {
          String key = mark.group(1) + "#" + mark.group(2);
          softly.assertThat(regions).as("%s:%d names a region", page, i).containsKey(key);
          if (regions.containsKey(key)) {
            softly.assertThat(String.join("\n", lines.subList(i + 1, close)))
                .as("%s:%d shows %s", page, i + 1, key).isEqualTo(regions.get(key));
          }
          blocks++;
        }
        i = close;
      }
    }
    softly.assertAll();
    assertThat(blocks).isGreaterThanOrEqualTo(regions.size());
  }

  @Test
  void everyRegionOfTheGuidesSourcesIsShownOnAPage() throws IOException {
    Set<String> shown = new LinkedHashSet<>();
    for (String page : PAGES) {
      Matcher m = MARK.matcher(Files.readString(GUIDE.resolve(page)));
      while (m.find()) {
        shown.add(m.group(1) + "#" + m.group(2));
      }
    }
    assertThat(shown).containsAll(regions().keySet());
  }

  @Test
  void theGuidesLinksLeadToFilesThatExist() throws IOException {
    SoftAssertions softly = new SoftAssertions();
    for (String page : PAGES) {
      Matcher m = LINK.matcher(Files.readString(GUIDE.resolve(page)));
      while (m.find()) {
        String target = m.group(1);
        if (!target.contains("://")) {
          softly.assertThat(GUIDE.resolve(target)).as("%s links %s", page, target).exists();
        }
      }
    }
    softly.assertAll();
  }

  @Test
  void theReadmeLinksTheGuide() throws IOException {
    assertThat(Files.readString(ROOT.resolve("README.md"))).contains("](docs/guide/README.md)");
  }

  /** Every region of the guide's sources, by {@code parley-examples/<path>#<name>}. */
  static Map<String, String> regions() throws IOException {
    Map<String, String> regions = new LinkedHashMap<>();
    List<Path> files = new ArrayList<>();
    for (Path dir : SOURCES) {
      try (Stream<Path> s = Files.list(dir)) {
        s.filter(p -> p.toString().endsWith(".java")).sorted().forEach(files::add);
      }
    }
    for (Path file : files) {
      String name = "parley-examples/" + file.toString().replace('\\', '/');
      List<String> lines = Files.readAllLines(file);
      String open = null;
      String indent = "";
      int begin = -1;
      for (int i = 0; i < lines.size(); i++) {
        Matcher m = MARKER.matcher(lines.get(i));
        if (!m.matches()) {
          continue;
        }
        String key = name + "#" + m.group(2);
        if (m.group(3).equals("begin")) {
          assertThat(open).as("%s:%d: %s begins inside %s", file, i + 1, key, open).isNull();
          assertThat(regions).as("%s:%d: %s twice", file, i + 1, key).doesNotContainKey(key);
          open = key;
          indent = m.group(1);
          begin = i;
        } else {
          assertThat(key).as("%s:%d: the end of the open region", file, i + 1).isEqualTo(open);
          assertThat(i).as("%s: %s is not empty", file, key).isGreaterThan(begin + 1);
          regions.put(key, text(lines.subList(begin + 1, i), indent, key));
          open = null;
        }
      }
      assertThat(open).as("%s: %s is closed", file, open).isNull();
    }
    assertThat(regions).as("regions in %s", SOURCES).isNotEmpty();
    return regions;
  }

  /** The lines of a region less the indentation of its markers. */
  private static String text(List<String> lines, String indent, String key) {
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      if (line.isBlank()) {
        out.add("");
      } else {
        assertThat(line).as("a line of %s indented at least as its markers", key)
            .startsWith(indent);
        out.add(line.substring(indent.length()));
      }
    }
    return String.join("\n", out);
  }
}
