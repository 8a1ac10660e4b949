package dev.parley.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's dependency snippet names real artifacts: the BOM with the project's version, which
 * manages every published module, and modules that exist with those coordinates.
 */
class ReadmeDependencyTest {
  private static final Path ROOT = Path.of("..");
  private static final String MARK = "<!-- dependencies: checked by ReadmeDependencyTest";
  private static final Pattern DEPENDENCY = Pattern.compile(
      "<dependency>.*?<groupId>([^<]+)</groupId>\\s*<artifactId>([^<]+)</artifactId>"
          + "(?:\\s*<version>([^<]+)</version>)?.*?</dependency>", Pattern.DOTALL);
  private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");

  record Coordinates(String groupId, String artifactId, String version) {}

  @Test
  void theReadmesSnippetNamesTheBomAndTheModulesAsTheirPomsDo() throws IOException {
    List<Coordinates> named = snippet();
    String version = tag(Files.readString(ROOT.resolve("pom.xml")), "version");
    assertThat(named.get(0)).isEqualTo(new Coordinates("dev.parley", "parley-bom", version));

    Set<String> published = published();
    List<String> modules = named.stream().filter(c -> c.groupId().equals("dev.parley"))
        .skip(1).map(Coordinates::artifactId).toList();
    assertThat(modules).isNotEmpty().allSatisfy(m -> assertThat(published).contains(m));
    assertThat(named.stream().filter(c -> c.groupId().equals("dev.parley")).skip(1))
        .allSatisfy(c -> assertThat(c.version()).as("no version: the BOM gives it").isNull());

    String slf4j = named.stream().filter(c -> c.artifactId().equals("slf4j-simple")).findFirst()
        .orElseThrow().version();
    assertThat(slf4j).isEqualTo(tag(Files.readString(ROOT.resolve("pom.xml")), "slf4j.version"));
  }

  @Test
  void theBomManagesEveryPublishedModuleAtTheProjectsVersion() throws IOException {
    String bom = Files.readString(ROOT.resolve("parley-bom/pom.xml"));
    String version = tag(Files.readString(ROOT.resolve("pom.xml")), "version");
    assertThat(tag(bom, "version")).isEqualTo(version);
    Set<String> managed = new LinkedHashSet<>();
    Matcher m = DEPENDENCY.matcher(bom);
    while (m.find()) {
      managed.add(m.group(2));
      assertThat(m.group(3)).isEqualTo("${project.version}");
    }
    assertThat(managed).isEqualTo(published());
  }

  /** The modules whose artifacts users depend on: all but the BOM, the examples and benchmarks. */
  private static Set<String> published() throws IOException {
    Set<String> modules = new LinkedHashSet<>();
    Matcher m = MODULE.matcher(Files.readString(ROOT.resolve("pom.xml")));
    while (m.find()) {
      String module = m.group(1);
      String pom = Files.readString(ROOT.resolve(module).resolve("pom.xml"));
      boolean skipped = pom.contains("<maven.javadoc.skip>true</maven.javadoc.skip>");
      if (!module.equals("parley-bom") && !skipped) {
        assertThat(pom).contains("<artifactId>" + module + "</artifactId>");
        modules.add(module);
      }
    }
    return modules;
  }

  private static List<Coordinates> snippet() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    int mark = readme.indexOf(MARK);
    assertThat(mark).as("the dependency snippet's mark in README.md").isNotNegative();
    int open = readme.indexOf("```xml", mark);
    int close = readme.indexOf("```", open + 6);
    String xml = readme.substring(open + 6, close);
    List<Coordinates> named = new ArrayList<>();
    Matcher m = DEPENDENCY.matcher(xml);
    while (m.find()) {
      named.add(new Coordinates(m.group(1), m.group(2), m.group(3)));
    }
    return named;
  }

  private static String tag(String xml, String name) {
    Matcher m = Pattern.compile("<" + Pattern.quote(name) + ">([^<]+)</" + Pattern.quote(name) + ">")
        .matcher(xml);
    assertThat(m.find()).as("<%s> in the pom", name).isTrue();
    return m.group(1);
  }
}
