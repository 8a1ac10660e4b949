package dev.parley.internal.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.internal.json.JsonCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaticDumpFilesTest {
  @TempDir Path dir;

  private final JsonCodec codec = JsonCodec.standard();

  private StaticDumpFiles.Dump sample() {
    return new StaticDumpFiles.Dump(List.of("todos.get", "todos.add", "version"), Map.of(
        "todos.get", new StaticDumpFiles.Procedure("todos.get", false,
            Map.of("{\"id\":1}", codec.parse("{\"id\":1,\"text\":\"milk\"}")),
            codec.parse("{\"id\":0,\"text\":\"?\"}")),
        "version", new StaticDumpFiles.Procedure("version", true,
            Map.of("null", codec.parse("\"1.0\"")), null)));
  }

  @Test
  void readsBackWhatItWrote() throws IOException {
    StaticDumpFiles.write(dir, sample());

    StaticDumpFiles.Dump read = StaticDumpFiles.read(dir);

    assertThat(read).isEqualTo(sample());
    assertThat(read.procedures().get("version").fallback()).isNull();
    assertThat(Files.exists(dir.resolve("procedures/todos.get.json"))).isTrue();
  }

  @Test
  void refusesATruncatedManifestNamingIt() throws IOException {
    StaticDumpFiles.write(dir, sample());
    String manifest = Files.readString(dir.resolve("manifest.json"));
    Files.writeString(dir.resolve("manifest.json"), manifest.substring(0, manifest.length() / 2));

    assertThatThrownBy(() -> StaticDumpFiles.read(dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("manifest.json")
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void refusesATruncatedProcedureFileNamingIt() throws IOException {
    StaticDumpFiles.write(dir, sample());
    Path file = dir.resolve("procedures/todos.get.json");
    Files.writeString(file, Files.readString(file).substring(0, 10));

    assertThatThrownBy(() -> StaticDumpFiles.read(dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("todos.get.json")
        .hasMessageContaining("not valid JSON");
  }

  @Test
  void refusesAnUnknownFormatVersion() throws IOException {
    StaticDumpFiles.write(dir, sample());
    Path manifest = dir.resolve("manifest.json");
    Files.writeString(manifest, Files.readString(manifest).replace("\"version\" : 1", "\"version\" : 2"));

    assertThatThrownBy(() -> StaticDumpFiles.read(dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("format version 2 is not one this Parley reads (expected 1)");
  }

  @Test
  void refusesAFileThatIsNotADumpOrIsMissing() throws IOException {
    assertThatThrownBy(() -> StaticDumpFiles.read(dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("manifest.json: no such file");

    Files.writeString(dir.resolve("manifest.json"), "{\"format\":\"zip\",\"version\":1}");
    assertThatThrownBy(() -> StaticDumpFiles.read(dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a Parley dump");
  }

  @Test
  void refusesAProcedureTheManifestDoesNotListInTheContract() throws IOException {
    StaticDumpFiles.write(dir, sample());
    Path manifest = dir.resolve("manifest.json");
    Files.writeString(manifest, Files.readString(manifest).replace("\"version\", ", "")
        .replace(", \"version\" ]", " ]"));

    assertThatThrownBy(() -> StaticDumpFiles.read(dir))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("procedure \"version\" is not listed in \"contract\"");
  }
}
