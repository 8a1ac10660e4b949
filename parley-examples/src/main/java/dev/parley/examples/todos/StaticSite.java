package dev.parley.examples.todos;

import dev.parley.server.Identity;
import dev.parley.server.ParleyServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the todo page as a static site that works with no server: a static dump of the todo
 * server (as the live demo starts: two todos) in {@code dump/}, the web page's files, and {@code
 * dump.js}, the dump as one script, which the page's {@code index.html} loads before its own
 * script. Opened from the disk ({@code file://…/index.html}, where a page may not fetch), the page
 * answers its queries from the dump and turns off what needs a server. Run it with:
 *
 * <pre>
 * ./mvnw -q -pl parley-examples -am -Pdemo compile \
 *     -Ddemo.mainClass=dev.parley.examples.todos.StaticSite -Dexec.args=target/todo-site
 * </pre>
 */
public final class StaticSite {
  private StaticSite() {}

  /** The web page's files copied into the site, from {@link TodoDemo#WEB_DIR} on the class path. */
  static final List<String> WEB_FILES = List.of("index.html", "app.js", "style.css", "dump-mode.js");

  /** The tag {@code index.html} loads its script with; the dump's scripts go before it. */
  private static final String APP_SCRIPT = "<script src=\"app.js\"></script>";

  /** Writes the site into the directory given as the first argument (default {@code todo-site}). */
  public static void main(String[] args) throws IOException {
    Path index = write(Path.of(args.length > 0 ? args[0] : "todo-site"));
    System.out.println("Parley static todo site: " + index.toUri());
  }

  /**
   * Writes the site into {@code dir} (made if absent) and returns its {@code index.html}.
   *
   * @throws IllegalStateException if the dump fails (see {@link ParleyServer#dump(Path)})
   */
  public static Path write(Path dir) throws IOException {
    TodoStore store = new TodoStore();
    store.add("Read the overview");
    store.add("Try the quickstart");
    ParleyServer<Identity<Void>> server = TodoServer.create(store);
    Path dump = dir.resolve("dump");
    server.dump(dump);
    for (String file : WEB_FILES) {
      Files.write(dir.resolve(file), resource(file));
    }
    Files.writeString(dir.resolve("dump.js"), "window.PARLEY_DUMP = " + bundle(dump) + ";\n");
    Path index = dir.resolve("index.html");
    String html = Files.readString(index);
    if (!html.contains(APP_SCRIPT)) {
      throw new IllegalStateException("index.html does not load " + APP_SCRIPT);
    }
    Files.writeString(index, html.replace(APP_SCRIPT, "<script src=\"dump.js\"></script>\n  "
        + "<script src=\"dump-mode.js\"></script>\n  " + APP_SCRIPT));
    return index;
  }

  /** The dump as one JSON value: {@code {"manifest": …, "procedures": {name: file}}}. */
  private static String bundle(Path dump) throws IOException {
    JsonMapper json = JsonMapper.builder().build();
    JsonNode manifest = json.readTree(dump.resolve("manifest.json").toFile());
    ObjectNode bundle = json.createObjectNode();
    bundle.set("manifest", manifest);
    ObjectNode procedures = bundle.putObject("procedures");
    for (String name : manifest.get("procedures").propertyNames()) {
      String file = manifest.get("procedures").get(name).get("file").asString();
      procedures.set(name, json.readTree(dump.resolve(file).toFile()));
    }
    return json.writeValueAsString(bundle);
  }

  private static byte[] resource(String file) {
    String path = TodoDemo.WEB_DIR + "/" + file;
    try (InputStream in = StaticSite.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(path + " is not on the class path");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
