package dev.parley.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.Contract;
import dev.parley.ErrorCode;
import dev.parley.Mutation;
import dev.parley.Parley;
import dev.parley.ParleyException;
import dev.parley.Query;
import dev.parley.Schema;
import dev.parley.Shared;
import dev.parley.Subscription;
import dev.parley.SubscriptionListener;
import dev.parley.internal.json.JsonCodec;
import dev.parley.internal.wire.StaticDumpFiles;
import jakarta.validation.constraints.Min;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A client in dump mode, answering from dump files written as the server writes them. */
class DumpClientTest {
  @TempDir Path dir;

  record Span(@Min(0) int from, int to) {}

  record Item(long id, String name) {}

  static final Query<Shared, Span, Item> ITEM =
      Parley.query("item").input(Span.class).output(Item.class);
  static final Query<Shared, Void, List<Item>> ALL =
      Parley.query("all").output(Schema.listOf(Item.class)).cacheable();
  static final Query<Shared, Void, String> VERSION =
      Parley.query("version").output(String.class).asStatic();
  static final Query<Shared, Void, String> CLOCK = Parley.query("clock").output(String.class);
  static final Mutation<Shared, Span, Void> DROP = Parley.mutation("drop").input(Span.class);
  static final Subscription<Shared, Void, Item> FEED =
      Parley.subscription("feed").output(Item.class);
  static final Contract CONTRACT = Contract.of(ITEM, ALL, VERSION, CLOCK, DROP, FEED);

  private final JsonCodec codec = JsonCodec.standard();

  @BeforeEach
  void writeDump() throws IOException {
    write(codec.parse("{\"id\":0,\"name\":\"unknown\"}"));
  }

  private void write(@Nullable JsonNode fallback) throws IOException {
    StaticDumpFiles.write(dir, new StaticDumpFiles.Dump(
        List.of("item", "all", "version", "clock", "drop", "feed"), Map.of(
            "item", new StaticDumpFiles.Procedure("item", false,
                Map.of("{\"from\":1,\"to\":2}", codec.parse("{\"id\":12,\"name\":\"one-two\"}")),
                fallback),
            "all", new StaticDumpFiles.Procedure("all", false,
                Map.of("null", codec.parse("[{\"id\":1,\"name\":\"a\"}]")), null),
            "version", new StaticDumpFiles.Procedure("version", true,
                Map.of("null", codec.parse("\"1.0\"")), null))));
  }

  @Test
  void answersQueriesFromTheDumpTypedByTheContract() {
    try (var client = ParleyClient.fromDump(dir, CONTRACT)) {
      assertThat(client.query(ITEM, new Span(1, 2))).isEqualTo(new Item(12, "one-two"));
      assertThat(client.query(ALL)).containsExactly(new Item(1, "a"));
      assertThat(client.query(VERSION)).isEqualTo("1.0");
      assertThat(client.queryAsync(VERSION).join()).isEqualTo("1.0");
    }
  }

  @Test
  void aCacheableQueryIsAnsweredFromTheClientsCacheAndAPlainOneDecodedAgain() {
    try (var client = ParleyClient.fromDump(dir, CONTRACT)) {
      List<Item> first = client.query(ALL);
      assertThat(client.query(ALL)).as("cached: shared, as de-duplicated answers are")
          .isSameAs(first);
      Item item = client.query(ITEM, new Span(1, 2));
      assertThat(client.query(ITEM, new Span(1, 2))).isNotSameAs(item).isEqualTo(item);
    }
  }

  @Test
  void anInputTheDumpLacksGetsTheFallback() {
    try (var client = ParleyClient.fromDump(dir, CONTRACT)) {
      assertThat(client.query(ITEM, new Span(2, 1))).isEqualTo(new Item(0, "unknown"));
    }
  }

  @Test
  void anInputTheDumpLacksWithNoFallbackIsNotFound() throws IOException {
    write(null);
    try (var client = ParleyClient.fromDump(dir, CONTRACT)) {
      assertThatThrownBy(() -> client.query(ITEM, new Span(2, 1)))
          .isInstanceOf(ParleyClientException.class)
          .hasMessage("item: the static dump has no answer for the input {\"from\":2,\"to\":1}")
          .extracting(e -> ((ParleyException) e).code()).isEqualTo(ErrorCode.NOT_FOUND);
      assertThatThrownBy(() -> client.query(CLOCK))
          .isInstanceOf(ParleyClientException.class)
          .hasMessage("clock: the static dump has no answers of this query")
          .extracting(e -> ((ParleyException) e).code()).isEqualTo(ErrorCode.NOT_FOUND);
    }
  }

  @Test
  void validatesTheInputAsAServerWould() {
    try (var client = ParleyClient.fromDump(dir, CONTRACT)) {
      assertThatThrownBy(() -> client.query(ITEM, new Span(-1, 2)))
          .isInstanceOf(ParleyClientException.class)
          .satisfies(e -> {
            ParleyClientException p = (ParleyClientException) e;
            assertThat(p.code()).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(p.issues()).singleElement()
                .satisfies(i -> assertThat(i.path()).isEqualTo("from"));
          });
    }
  }

  @Test
  void refusesMutationsAndSubscriptionsClearly() {
    try (var client = ParleyClient.fromDump(dir, CONTRACT)) {
      assertThatThrownBy(() -> client.mutate(DROP, new Span(1, 2)))
          .isInstanceOf(ParleyClientException.class)
          .hasMessage("drop: the client answers from a static dump: mutations are not available")
          .extracting(e -> ((ParleyException) e).code())
          .isEqualTo(ErrorCode.METHOD_NOT_SUPPORTED);
      assertThatThrownBy(() -> client.mutateForResult(DROP, new Span(1, 2)))
          .isInstanceOf(ParleyClientException.class)
          .extracting(e -> ((ParleyException) e).code())
          .isEqualTo(ErrorCode.METHOD_NOT_SUPPORTED);
      CompletableFuture<Void> async = client.mutateAsync(DROP, new Span(1, 2));
      assertThatThrownBy(async::join).isInstanceOf(CompletionException.class)
          .hasCauseInstanceOf(ParleyClientException.class);

      List<ParleyException> errors = new ArrayList<>();
      client.subscribe(FEED, new SubscriptionListener<Item>() {
        @Override
        public void onValue(Item value, @Nullable String id) {}

        @Override
        public void onError(ParleyException error) {
          errors.add(error);
        }
      });
      assertThat(errors).singleElement().satisfies(e -> {
        assertThat(e.code()).isEqualTo(ErrorCode.METHOD_NOT_SUPPORTED);
        assertThat(e.getMessage()).isEqualTo(
            "feed: the client answers from a static dump: subscriptions are not available");
      });
    }
  }

  @Test
  void aProcedureOutsideTheContractIsAProgrammingError() {
    Query<Shared, Void, String> unknown = Parley.query("unknown").output(String.class);
    try (var client = ParleyClient.fromDump(dir, CONTRACT)) {
      assertThatThrownBy(() -> client.query(unknown))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("Query[unknown] is not in this client's contract");
    }
  }

  @Test
  void aClosedClientAnswersNothing() {
    var client = ParleyClient.fromDump(dir, CONTRACT);
    client.close();

    assertThat(client.connectionState()).isEqualTo(ConnectionState.CLOSED);
    assertThatThrownBy(() -> client.query(VERSION))
        .isInstanceOf(ParleyClientException.class)
        .extracting(e -> ((ParleyException) e).code())
        .isEqualTo(ErrorCode.CLIENT_CLOSED_REQUEST);
  }

  @Test
  void refusesATruncatedDumpAtOpen() throws IOException {
    Path file = dir.resolve("procedures/item.json");
    Files.writeString(file, Files.readString(file).substring(0, 20));

    assertThatThrownBy(() -> ParleyClient.fromDump(dir, CONTRACT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("item.json: not valid JSON");
  }

  @Test
  void refusesADumpOfAnotherFormatVersionAtOpen() throws IOException {
    Path manifest = dir.resolve("manifest.json");
    Files.writeString(manifest, Files.readString(manifest).replace("\"version\" : 1", "\"version\" : 7"));

    assertThatThrownBy(() -> ParleyClient.fromDump(dir, CONTRACT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("format version 7 is not one this Parley reads (expected 1)");
  }

  @Test
  void refusesADumpWhoseOutputsDoNotFitTheContract() throws IOException {
    Path file = dir.resolve("procedures/version.json");
    Files.writeString(file, Files.readString(file).replace("\"1.0\"", "10"));

    assertThatThrownBy(() -> ParleyClient.fromDump(dir, CONTRACT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the output of version for input null does not fit its schema");
  }

  @Test
  void refusesADumpOfAnotherContract() {
    Contract other = Contract.of(ITEM, VERSION);

    assertThatThrownBy(() -> ParleyClient.fromDump(dir, other))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the dump answers \"all\", which is not a query of");
  }
}
