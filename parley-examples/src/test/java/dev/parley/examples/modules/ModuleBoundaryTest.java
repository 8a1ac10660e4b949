package dev.parley.examples.modules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What Parley's modules share but users must not touch is closed off by their {@code
 * module-info.java}: a user's module that requires them cannot compile against one of their
 * internal packages, while one that uses their public API compiles and runs on the module path.
 * Compiled here with the JDK's compiler API against Parley's own module folders or jars.
 */
class ModuleBoundaryTest {
  /** The class path entries that make up Parley's modules and their dependencies. */
  private static final Pattern MODULE_PATH = Pattern.compile(".*(/parley-(core|server|client|jetty"
      + "|testing)/target/|jackson-(core|databind|annotations)-|jakarta\\.validation-api-"
      + "|hibernate-validator-|jboss-logging-|classmate-|jspecify-|slf4j-api-|jetty-).*");

  private final Path work = Path.of("target", "module-checks");

  /** An internal class of each module, named by a user's module. */
  static Stream<String> internals() {
    return Stream.of(
        "dev.parley.internal.json.JsonCodec",
        "dev.parley.internal.wire.Envelopes",
        "dev.parley.internal.schema.DerivedSchema",
        "dev.parley.server.internal.Pipeline",
        "dev.parley.client.internal.HttpLink",
        "dev.parley.jetty.internal.ParleyHandler");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("internals")
  void aUsersModuleCannotCompileAgainstAnInternalPackage(String internal) throws IOException {
    Path src = source("user.bad", "import " + internal + ";\n", "Object x = null;");
    List<String> errors = compile(src);
    String pkg = internal.substring(0, internal.lastIndexOf('.'));
    assertThat(errors).as("compiling a module that imports %s", internal).isNotEmpty();
    assertThat(String.join("\n", errors))
        .contains("package " + pkg + " is not visible");
  }

  @Test
  void aUsersModuleOnThePublicApiCompilesAndRunsOnTheModulePath() throws Exception {
    Path src = source("user.good", "import dev.parley.testing.ParleyTest;\n",
        "var client = ParleyTest.inProcess(server);\n"
            + "      System.out.println(client.mutate(ADD, new Note(\"milk\")).text());");
    assertThat(compile(src)).isEmpty();

    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "--module-path", work.resolve("out") + File.pathSeparator
        + modulePath(), "--add-modules", "ALL-MODULE-PATH", "-m", "user.good/user.good.Main")
        .redirectErrorStream(true).start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(output).isZero();
    assertThat(output).contains("milk");
  }

  /** Writes a module {@code name} with one class whose {@code main} holds {@code body}. */
  private Path source(String name, String imports, String body) throws IOException {
    Path root = work.resolve("src-" + name);
    Path pkg = root.resolve(name.replace('.', '/'));
    Files.createDirectories(pkg);
    Files.writeString(root.resolve("module-info.java"), "module " + name + " {\n"
        + "  requires dev.parley.testing;\n"
        + "  opens " + name + " to dev.parley.core, tools.jackson.databind, org.hibernate.validator;\n"
        + "}\n");
    Files.writeString(pkg.resolve("Main.java"), "package " + name + ";\n\n"
        + imports
        + "import dev.parley.*;\n"
        + "import dev.parley.server.*;\n\n"
        + "public final class Main {\n"
        + "  public record Note(String text) {}\n"
        + "  static final Mutation<Shared, Note, Note> ADD =\n"
        + "      Parley.mutation(\"notes.add\").input(Note.class).output(Note.class);\n"
        + "  public static void main(String[] args) {\n"
        + "      var server = ParleyServer.builder(Contract.of(ADD)).build();\n"
        + "      server.implement(ADD, (ctx, in) -> in);\n"
        + "      " + body + "\n"
        + "  }\n"
        + "}\n");
    return root;
  }

  /** The errors of compiling the module at {@code root}; empty when it compiles. */
  private List<String> compile(Path root) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    List<File> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(f -> f.toString().endsWith(".java")).map(Path::toFile).toList();
    }
    Path out = work.resolve("out").resolve(root.getFileName().toString().substring(4));
    Files.createDirectories(out);
    var fm = javac.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
    List<String> options = List.of("--module-path", modulePath(), "-d", out.toString(),
        "-proc:none", "-Xlint:none", "--release", "21");
    boolean ok = javac.getTask(null, fm, diagnostics, options, null,
        fm.getJavaFileObjectsFromFiles(files)).call();
    List<String> errors = new ArrayList<>();
    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
      if (d.getKind() == Diagnostic.Kind.ERROR) {
        errors.add(d.getMessage(Locale.ROOT));
      }
    }
    assertThat(ok).isEqualTo(errors.isEmpty());
    return errors;
  }

  /** Parley's modules and their dependencies, from this test's class path. */
  private static String modulePath() {
    String path = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(e -> MODULE_PATH.matcher(e.replace(File.separatorChar, '/')).matches())
        .filter(e -> !e.contains("test-classes"))
        .collect(Collectors.joining(File.pathSeparator));
    assertThat(path).contains("parley-core");
    return path;
  }
}
