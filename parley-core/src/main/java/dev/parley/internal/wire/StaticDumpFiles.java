package dev.parley.internal.wire;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The file set of a static dump, format {@value #FORMAT} version {@value #VERSION}, written by the
 * server's build step and read by the client in dump mode (described in {@code docs/protocol.md},
 * "Static dumps"): a {@value #MANIFEST} naming the contract's procedures and the dumped ones, each
 * of which has a file {@code procedures/<name>.json} of entries keyed by the {@linkplain
 * CanonicalJson canonical} JSON of an input, and an optional fallback.
 */
public final class StaticDumpFiles {
  /** The {@code format} of a manifest: {@value}. */
  public static final String FORMAT = "parley-dump";
  /** The format version this code writes and reads: {@value}. */
  public static final int VERSION = 1;
  /** The manifest's file name: {@value}. */
  public static final String MANIFEST = "manifest.json";

  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private StaticDumpFiles() {}

  /**
   * One dumped procedure: its outputs by canonical input, and its fallback.
   *
   * @param entries output JSON by canonical input JSON ({@code null} for no input)
   * @param fallback the output for an input the dump lacks; null when there is none
   */
  public record Procedure(String name, boolean isStatic, Map<String, JsonNode> entries,
      @Nullable JsonNode fallback) {

    /** Checks the parts and copies the entries, keeping their order. */
    public Procedure {
      Objects.requireNonNull(name, "name");
      entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }
  }

  /** A whole dump: every procedure name of the contract, and the dumped procedures by name. */
  public record Dump(List<String> contract, Map<String, Procedure> procedures) {

    /** Copies the parts. */
    public Dump {
      contract = List.copyOf(contract);
      procedures = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(procedures));
    }
  }

  /** Writes {@code dump} into {@code dir}, made if absent; files of an earlier dump are replaced. */
  public static void write(Path dir, Dump dump) throws IOException {
    Files.createDirectories(dir.resolve("procedures"));
    ObjectNode manifest = JSON.createObjectNode();
    manifest.put("format", FORMAT);
    manifest.put("version", VERSION);
    dump.contract().forEach(manifest.putArray("contract")::add);
    ObjectNode listed = manifest.putObject("procedures");
    for (Procedure p : dump.procedures().values()) {
      ObjectNode entry = listed.putObject(p.name());
      entry.put("static", p.isStatic());
      entry.put("file", file(p.name()));
      ObjectNode body = JSON.createObjectNode();
      body.put("name", p.name());
      ObjectNode entries = body.putObject("entries");
      p.entries().forEach(entries::set);
      if (p.fallback() != null) {
        body.set("fallback", p.fallback());
      }
      Files.write(dir.resolve(file(p.name())), JSON.writeValueAsBytes(body));
    }
    Files.write(dir.resolve(MANIFEST), JSON.writeValueAsBytes(manifest));
  }

  /**
   * Reads the dump in {@code dir}.
   *
   * @throws IllegalArgumentException naming the file and what is wrong with it: missing, not JSON
   *     (truncated), not a Parley dump, of another format version, or not of the expected shape
   * @throws UncheckedIOException when a file cannot be read
   */
  public static Dump read(Path dir) {
    JsonNode manifest = json(dir.resolve(MANIFEST));
    String where = dir.resolve(MANIFEST).toString();
    if (!FORMAT.equals(manifest.path("format").asString(null))) {
      throw bad(where, "not a Parley dump (expected \"format\": \"" + FORMAT + "\")");
    }
    JsonNode version = manifest.path("version");
    if (!version.isInt() || version.intValue() != VERSION) {
      throw bad(where, "format version " + version + " is not one this Parley reads (expected "
          + VERSION + ")");
    }
    JsonNode contract = manifest.path("contract");
    JsonNode procedures = manifest.path("procedures");
    if (!contract.isArray() || !procedures.isObject()) {
      throw bad(where, "expected \"contract\" (an array) and \"procedures\" (an object)");
    }
    List<String> names = new java.util.ArrayList<>();
    for (JsonNode n : contract) {
      if (!n.isString()) {
        throw bad(where, "\"contract\" holds " + n + ", not a procedure name");
      }
      names.add(n.stringValue());
    }
    Map<String, Procedure> dumped = new LinkedHashMap<>();
    for (String name : procedures.propertyNames()) {
      JsonNode listed = procedures.get(name);
      if (!names.contains(name) || !listed.path("static").isBoolean()
          || !file(name).equals(listed.path("file").asString(null))) {
        throw bad(where, "procedure \"" + name + "\" is not listed in \"contract\", or its entry is"
            + " not {\"static\": <boolean>, \"file\": \"" + file(name) + "\"}");
      }
      dumped.put(name, procedure(dir, name, listed.path("static").booleanValue()));
    }
    return new Dump(names, dumped);
  }

  private static Procedure procedure(Path dir, String name, boolean isStatic) {
    Path path = dir.resolve(file(name));
    JsonNode body = json(path);
    JsonNode entries = body.path("entries");
    if (!name.equals(body.path("name").asString(null)) || !entries.isObject()) {
      throw bad(path.toString(), "expected {\"name\": \"" + name + "\", \"entries\": {…}}");
    }
    Map<String, JsonNode> byInput = new LinkedHashMap<>();
    for (String input : entries.propertyNames()) {
      byInput.put(input, entries.get(input));
    }
    JsonNode fallback = body.get("fallback");
    return new Procedure(name, isStatic, byInput, fallback);
  }

  private static String file(String name) {
    return "procedures/" + name + ".json";
  }

  private static JsonNode json(Path path) {
    try {
      JsonNode node = JSON.readTree(Files.readAllBytes(path));
      if (node == null || !node.isObject()) {
        throw bad(path.toString(), "not a JSON object");
      }
      return node;
    } catch (NoSuchFileException e) {
      throw bad(path.toString(), "no such file");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (JacksonException e) {
      throw bad(path.toString(), "not valid JSON (truncated?): " + e.getOriginalMessage());
    }
  }

  private static IllegalArgumentException bad(String where, String what) {
    return new IllegalArgumentException(where + ": " + what);
  }
}
