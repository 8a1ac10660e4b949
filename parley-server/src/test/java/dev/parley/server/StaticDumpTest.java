package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.Contract;
import dev.parley.Mutation;
import dev.parley.Parley;
import dev.parley.Query;
import dev.parley.Role;
import dev.parley.Schema;
import dev.parley.Shared;
import dev.parley.Subscription;
import jakarta.validation.constraints.Min;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/** {@code ParleyServer.dump}: what it records, through which pipeline, and when it refuses. */
class StaticDumpTest {
  @TempDir Path dir;

  record Id(@Min(1) long id) {}

  record Item(long id, String name) {}

  interface Admin extends Shared {}

  static final Role<Admin> ADMIN = Role.of("admin", Admin.class);

  static final Query<Shared, Void, String> VERSION =
      Parley.query("version").output(String.class).asStatic();
  static final Query<Shared, Id, Item> ITEM =
      Parley.query("item").input(Id.class).output(Item.class).cacheable();
  static final Query<Shared, Void, List<Item>> ALL =
      Parley.query("all").output(Schema.listOf(Item.class));
  static final Query<Shared, Void, Long> CLOCK = Parley.query("clock").output(Long.class);
  static final Query<Admin, Void, String> SECRET =
      Parley.query("secret").output(String.class).asStatic().role(ADMIN);
  static final Mutation<Shared, Id, Void> DROP = Parley.mutation("drop").input(Id.class);
  static final Subscription<Shared, Void, Item> FEED =
      Parley.subscription("feed").output(Item.class);
  static final Contract CONTRACT = Contract.of(VERSION, ITEM, ALL, CLOCK, SECRET, DROP, FEED);

  private final List<String> seen = new CopyOnWriteArrayList<>();

  private ParleyServer<Identity<String>> server() {
    ParleyServer<Identity<String>> server = ParleyServer.builder(CONTRACT)
        .authenticate(request -> Identity.<String>anonymous())
        .use((ctx, call, next) -> {
          seen.add(call.descriptor().name() + " as " + ctx.principalIfAny().orElse("anonymous")
              + " " + call.transport());
          return next.proceed(ctx);
        })
        .build();
    server.implement(VERSION, (ctx, in) -> "1.0");
    server.implement(ITEM, (ctx, in) -> new Item(in.id(), "item " + in.id()))
        .dump(List.of(new Id(2), new Id(1)))
        .fallback(new Item(0, "unknown"));
    server.implement(ALL, (ctx, in) -> List.of(new Item(1, "item 1"))).dump();
    server.implement(CLOCK, (ctx, in) -> System.nanoTime());
    server.implement(SECRET, (ctx, in) -> "s3cret");
    server.implement(DROP, (ctx, in) -> null);
    server.implement(FEED, (ctx, in, sink) -> {});
    return server;
  }

  private static JsonNode read(Path file) throws IOException {
    return WireAssert.json(Files.readString(file));
  }

  @Test
  void recordsStaticQueriesAndListedInputsWithTheContractsNames() throws IOException {
    server().dump(dir);

    JsonNode manifest = read(dir.resolve("manifest.json"));
    assertThat(manifest.get("format").asString()).isEqualTo("parley-dump");
    assertThat(manifest.get("version").asInt()).isEqualTo(1);
    assertThat(manifest.get("contract").toString())
        .isEqualTo("[\"version\",\"item\",\"all\",\"clock\",\"secret\",\"drop\",\"feed\"]");
    assertThat(manifest.get("procedures").propertyNames())
        .containsExactly("version", "item", "all");
    assertThat(manifest.get("procedures").get("version").get("static").asBoolean()).isTrue();
    assertThat(manifest.get("procedures").get("item").get("file").asString())
        .isEqualTo("procedures/item.json");

    assertThat(read(dir.resolve("procedures/version.json")).toString())
        .isEqualTo("{\"name\":\"version\",\"entries\":{\"null\":\"1.0\"}}");
    assertThat(read(dir.resolve("procedures/item.json")).toString()).isEqualTo(
        "{\"name\":\"item\",\"entries\":{\"{\\\"id\\\":2}\":{\"id\":2,\"name\":\"item 2\"},"
            + "\"{\\\"id\\\":1}\":{\"id\":1,\"name\":\"item 1\"}},"
            + "\"fallback\":{\"id\":0,\"name\":\"unknown\"}}");
    assertThat(read(dir.resolve("procedures/all.json")).get("entries").get("null").toString())
        .isEqualTo("[{\"id\":1,\"name\":\"item 1\"}]");
    assertThat(Files.exists(dir.resolve("procedures/clock.json"))).isFalse();
  }

  @Test
  void everyCallGoesThroughTheMiddlewareAsTheBuildsIdentity() throws IOException {
    server().dump(dir, Identity.of(Role.SHARED, "builder"));

    assertThat(seen).containsExactly("version as builder IN_PROCESS", "item as builder IN_PROCESS",
        "item as builder IN_PROCESS", "all as builder IN_PROCESS");
  }

  @Test
  void queriesOutsideTheBuildersRoleAreLeftOutAndThoseInsideItRecorded() throws IOException {
    server().dump(dir);
    assertThat(read(dir.resolve("manifest.json")).get("procedures").has("secret")).isFalse();

    server().dump(dir, Identity.of(ADMIN, "root"));
    assertThat(read(dir.resolve("procedures/secret.json")).get("entries").get("null").asString())
        .isEqualTo("s3cret");
  }

  @Test
  void anInputThatFailsValidationFailsTheBuildNamingTheQueryAndTheInput() {
    ParleyServer<Identity<String>> server = ParleyServer.builder(CONTRACT)
        .authenticate(request -> Identity.<String>anonymous()).build();
    server.implement(VERSION, (ctx, in) -> "1.0");
    server.implement(ITEM, (ctx, in) -> new Item(in.id(), "x")).dump(List.of(new Id(1), new Id(0)));

    assertThatThrownBy(() -> server.dump(dir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("static dump: item with input Id[id=0] failed: BAD_REQUEST")
        .hasMessageContaining("id");
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void aHandlerThatFailsFailsTheBuild() {
    ParleyServer<Identity<Void>> server = ParleyServer.builder(CONTRACT).build();
    server.implement(VERSION, (ctx, in) -> {
      throw new IllegalStateException("no version file");
    });

    assertThatThrownBy(() -> server.dump(dir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("static dump: version with input null failed: INTERNAL_SERVER_ERROR"
            + " Internal server error");
  }

  @Test
  void aStaticQueryThatIsNotImplementedFailsTheBuild() {
    ParleyServer<Identity<Void>> server = ParleyServer.builder(CONTRACT).build();

    assertThatThrownBy(() -> server.dump(dir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("static dump: version with input null failed: NOT_IMPLEMENTED");
  }

  @Test
  void aFallbackThatFailsTheOutputSchemaFailsTheBuild() {
    ParleyServer<Identity<Void>> server = ParleyServer.builder(CONTRACT).build();
    server.implement(VERSION, (ctx, in) -> "1.0");
    server.implement(ITEM, (ctx, in) -> new Item(in.id(), "x")).fallback(new Item(0, null));

    assertThatThrownBy(() -> server.dump(dir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("static dump: the fallback of item fails its output schema");
  }

  @Test
  void aFallbackIsGivenAtMostOnce() {
    ParleyServer<Identity<Void>> server = ParleyServer.builder(CONTRACT).build();
    QueryImplementation<Identity<Void>, Id, Item> item =
        server.implement(ITEM, (ctx, in) -> new Item(in.id(), "x")).fallback(new Item(0, "a"));

    assertThatThrownBy(() -> item.fallback(new Item(0, "b")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("item: a fallback is already given");
  }
}
