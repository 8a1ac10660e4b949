package dev.parley.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.parley.ErrorCode;
import dev.parley.Issue;
import dev.parley.ParleyException;
import dev.parley.Schema;
import dev.parley.TypeRef;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class JsonCodecTest {
  enum Priority { LOW, HIGH }

  record Item(String name, int count) {}

  record Order(String id, List<Item> items, Map<String, Item> byKey, Priority priority) {}

  record Scalars(
      String text, int i, long l, double d, boolean b, BigDecimal money, Instant at, LocalDate day,
      LocalDateTime local, OffsetDateTime offset, Duration delay, UUID id, Optional<String> note) {}

  record Guarded(String text) {
    Guarded {
      if (text != null && text.isBlank()) {
        throw new IllegalArgumentException("must not be blank");
      }
    }
  }

  /** A schema that only checks that the value is present, so that decoding is tested alone. */
  record Present<T>(Type type) implements Schema<T> {
    @Override
    public List<Issue> validate(@Nullable T value) {
      return value == null ? List.of(new Issue("", "is required")) : List.of();
    }
  }

  /**
   * A codec of each test's own: Jackson keeps the readers and writers it builds inside its mapper,
   * so with a shared codec a test could read with what an earlier test built.
   */
  private final JsonCodec codec = new JsonCodec(JsonCodec.DEFAULT_MAX_NESTING_DEPTH);

  private <T> T read(Class<T> type, String json) {
    T fromBytes = codec.decode(new Present<>(type), json.getBytes(StandardCharsets.UTF_8), "input");
    T fromTree = codec.decode(new Present<>(type), codec.parse(json), "input");
    assertThat(fromTree).isEqualTo(fromBytes);
    return fromBytes;
  }

  private ParleyException failure(Type type, String json) {
    ParleyException bytes = catchThrowableOfType(ParleyException.class,
        () -> codec.decode(new Present<>(type), json.getBytes(StandardCharsets.UTF_8), "input"));
    assertThat(bytes).as("decoding %s from bytes", json).isNotNull();
    return bytes;
  }

  private Issue issueOf(Type type, String json) {
    ParleyException e = failure(type, json);
    assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
    assertThat(e.issues()).hasSize(1);
    assertThat(e.getMessage()).doesNotContain("java.", "dev.parley", "Exception", "`");
    if (!json.isBlank()) {
      ParleyException tree = catchThrowableOfType(ParleyException.class,
          () -> codec.decode(new Present<>(type), codec.parse(json), "input"));
      assertThat(tree.issues()).as("tree path of %s", json).isEqualTo(e.issues());
    }
    return e.issues().get(0);
  }

  @Test
  void roundTripsEveryScalar() {
    var value = new Scalars("hé \"x\"", -3, 1L << 50, 2.5, true, new BigDecimal("10.50"),
        Instant.parse("2024-01-31T10:15:30.123Z"), LocalDate.parse("2024-02-29"),
        LocalDateTime.parse("2024-01-31T10:15:30"), OffsetDateTime.parse("2024-01-31T10:15:30+01:00"),
        Duration.ofSeconds(90), UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
        Optional.of("n"));
    byte[] json = codec.encode(value);
    assertThat(read(Scalars.class, new String(json, StandardCharsets.UTF_8))).isEqualTo(value);
    JsonNode tree = codec.toTree(value);
    assertThat(tree.get("money").decimalValue()).isEqualTo(new BigDecimal("10.50"));
    assertThat(tree.get("at").asString()).isEqualTo("2024-01-31T10:15:30.123Z");
    assertThat(tree.get("day").asString()).isEqualTo("2024-02-29");
    assertThat(tree.get("delay").asString()).isEqualTo("PT1M30S");
    assertThat(tree.get("offset").asString()).isEqualTo("2024-01-31T10:15:30+01:00");
    assertThat(tree.get("id").asString()).isEqualTo("123e4567-e89b-12d3-a456-426614174000");
  }

  @Test
  void roundTripsNestedRecordsListsMapsAndEnums() {
    var order = new Order("o1", List.of(new Item("a", 1), new Item("b", 2)),
        Map.of("k", new Item("c", 3)), Priority.HIGH);
    String json = new String(codec.encode(order), StandardCharsets.UTF_8);
    assertThat(json).contains("\"priority\":\"HIGH\"");
    assertThat(read(Order.class, json)).isEqualTo(order);
    Schema<List<Item>> listOfItems = new Present<>(new TypeRef<List<Item>>() {}.type());
    List<Item> items = codec.decode(listOfItems, codec.parse("[{\"name\":\"x\",\"count\":1}]"), "in");
    assertThat(items).containsExactly(new Item("x", 1));
  }

  @Test
  void keepsBigDecimalsExact() {
    String big = "12345678901234567890.123456789012345678900";
    assertThat(read(BigDecimal.class, big)).isEqualTo(new BigDecimal(big));
    assertThat(new String(codec.encode(new BigDecimal(big)), StandardCharsets.UTF_8)).isEqualTo(big);
  }

  @Test
  void encodesNullAndVoidAsNull() {
    assertThat(codec.encode(null)).asString(StandardCharsets.UTF_8).isEqualTo("null");
    assertThat(codec.toTree(null).isNull()).isTrue();
    assertThat(codec.decode(Schema.none(), "".getBytes(StandardCharsets.UTF_8), "input")).isNull();
    assertThat(codec.decode(Schema.none(), (JsonNode) null, "input")).isNull();
    assertThat(codec.decode(Schema.none(), codec.parse("null"), "input")).isNull();
  }

  @Test
  void encodesAbsentOptionalAsNullAndReadsMissingOptionalAsEmpty() {
    record Note(Optional<String> text) {}
    assertThat(codec.encode(new Note(Optional.empty()))).asString(StandardCharsets.UTF_8)
        .isEqualTo("{\"text\":null}");
    assertThat(read(Note.class, "{}")).isEqualTo(new Note(Optional.empty()));
    assertThat(read(Note.class, "{\"text\":null}")).isEqualTo(new Note(Optional.empty()));
  }

  @Test
  void ignoresUnknownProperties() {
    assertThat(read(Item.class, "{\"name\":\"a\",\"count\":1,\"extra\":{\"x\":[1,2]}}"))
        .isEqualTo(new Item("a", 1));
  }

  @Test
  void rejectsNumberForString() {
    assertThat(issueOf(Item.class, "{\"name\":5,\"count\":1}"))
        .isEqualTo(new Issue("name", "expected a string"));
    assertThat(issueOf(Item.class, "{\"name\":true,\"count\":1}"))
        .isEqualTo(new Issue("name", "expected a string"));
    assertThat(issueOf(Item.class, "{\"name\":{},\"count\":1}"))
        .isEqualTo(new Issue("name", "expected a string"));
  }

  @Test
  void rejectsStringFloatAndBooleanForInteger() {
    assertThat(issueOf(Item.class, "{\"name\":\"a\",\"count\":\"5\"}"))
        .isEqualTo(new Issue("count", "expected an integer"));
    assertThat(issueOf(Item.class, "{\"name\":\"a\",\"count\":1.5}"))
        .isEqualTo(new Issue("count", "expected an integer"));
    assertThat(issueOf(Item.class, "{\"name\":\"a\",\"count\":1.0}"))
        .isEqualTo(new Issue("count", "expected an integer"));
    assertThat(issueOf(Item.class, "{\"name\":\"a\",\"count\":true}"))
        .isEqualTo(new Issue("count", "expected an integer"));
  }

  @Test
  void rejectsIntegerOutOfRange() {
    assertThat(issueOf(Item.class, "{\"name\":\"a\",\"count\":3000000000}"))
        .isEqualTo(new Issue("count", "is out of range for a 32-bit integer"));
  }

  @Test
  void rejectsNumberAndStringForBoolean() {
    record Flag(boolean on) {}
    assertThat(issueOf(Flag.class, "{\"on\":1}")).isEqualTo(new Issue("on", "expected a boolean"));
    assertThat(issueOf(Flag.class, "{\"on\":\"true\"}"))
        .isEqualTo(new Issue("on", "expected a boolean"));
  }

  @Test
  void rejectsStringForNumber() {
    record Price(double amount) {}
    assertThat(issueOf(Price.class, "{\"amount\":\"2.5\"}"))
        .isEqualTo(new Issue("amount", "expected a number"));
    assertThat(read(Price.class, "{\"amount\":2}")).isEqualTo(new Price(2));
  }

  @Test
  void rejectsNullOrMissingPrimitive() {
    assertThat(issueOf(Item.class, "{\"name\":\"a\",\"count\":null}"))
        .isEqualTo(new Issue("count", "is required"));
    assertThat(issueOf(Item.class, "{\"name\":\"a\"}")).isEqualTo(new Issue("count", "is required"));
  }

  @Test
  void rejectsUnknownEnumNameListingAllowedOnes() {
    record Task(Priority priority) {}
    assertThat(issueOf(Task.class, "{\"priority\":\"MEDIUM\"}"))
        .isEqualTo(new Issue("priority", "expected one of [LOW, HIGH]"));
    assertThat(issueOf(Task.class, "{\"priority\":\"low\"}"))
        .isEqualTo(new Issue("priority", "expected one of [LOW, HIGH]"));
    assertThat(issueOf(Task.class, "{\"priority\":1}"))
        .isEqualTo(new Issue("priority", "expected one of [LOW, HIGH]"));
    assertThat(issueOf(Task.class, "{\"priority\":\"\"}"))
        .isEqualTo(new Issue("priority", "expected one of [LOW, HIGH]"));
  }

  @Test
  void rejectsTimesThatAreNotIsoStrings() {
    record When(Instant at) {}
    record Day(LocalDate day) {}
    assertThat(issueOf(When.class, "{\"at\":1700000000}"))
        .isEqualTo(new Issue("at", "expected an ISO-8601 instant string, e.g. 2024-01-31T10:15:30Z"));
    assertThat(issueOf(When.class, "{\"at\":\"yesterday\"}"))
        .isEqualTo(new Issue("at", "expected an ISO-8601 instant string, e.g. 2024-01-31T10:15:30Z"));
    assertThat(issueOf(Day.class, "{\"day\":[2024,1,31]}"))
        .isEqualTo(new Issue("day", "expected an ISO-8601 date string, e.g. 2024-01-31"));
    assertThat(issueOf(Day.class, "{\"day\":\"2024-02-30\"}"))
        .isEqualTo(new Issue("day", "expected an ISO-8601 date string, e.g. 2024-01-31"));
  }

  @Test
  void rejectsMalformedUuid() {
    record Ref(UUID id) {}
    assertThat(issueOf(Ref.class, "{\"id\":\"1-1-1-1-1\"}"))
        .isEqualTo(new Issue("id", "expected a UUID string"));
    assertThat(issueOf(Ref.class, "{\"id\":42}")).isEqualTo(new Issue("id", "expected a UUID string"));
  }

  @Test
  void reportsPathsOfNestedListElementsAndMapEntries() {
    String items = "[{\"name\":\"a\",\"count\":1},{\"name\":\"b\",\"count\":2},{\"name\":3,\"count\":3}]";
    assertThat(issueOf(Order.class,
        "{\"id\":\"o\",\"items\":" + items + ",\"byKey\":{},\"priority\":\"LOW\"}"))
        .isEqualTo(new Issue("items[2].name", "expected a string"));
    assertThat(issueOf(Order.class, "{\"id\":\"o\",\"items\":[],"
        + "\"byKey\":{\"odd key\":{\"name\":1,\"count\":1}},\"priority\":\"LOW\"}"))
        .isEqualTo(new Issue("byKey[\"odd key\"].name", "expected a string"));
    assertThat(issueOf(Order.class,
        "{\"id\":\"o\",\"items\":[],\"byKey\":{\"k\":{\"name\":\"x\"}},\"priority\":\"LOW\"}"))
        .isEqualTo(new Issue("byKey.k.count", "is required"));
  }

  @Test
  void reportsThePathOfTheFirstListElement() {
    assertThat(issueOf(Order.class, "{\"id\":\"o\",\"items\":[{\"name\":1,\"count\":1}],"
        + "\"byKey\":{},\"priority\":\"LOW\"}"))
        .isEqualTo(new Issue("items[0].name", "expected a string"));
  }

  @Test
  void rejectsWrongContainerShapes() {
    assertThat(issueOf(Order.class, "{\"id\":\"o\",\"items\":{},\"byKey\":{},\"priority\":\"LOW\"}"))
        .isEqualTo(new Issue("items", "expected an array"));
    assertThat(issueOf(Order.class, "{\"id\":\"o\",\"items\":[],\"byKey\":[],\"priority\":\"LOW\"}"))
        .isEqualTo(new Issue("byKey", "expected an object"));
    assertThat(issueOf(Item.class, "[1]")).isEqualTo(new Issue("", "expected an object"));
    assertThat(issueOf(Item.class, "\"x\"")).isEqualTo(new Issue("", "expected an object"));
  }

  @Test
  void reportsRecordConstructorRefusalAsIssue() {
    assertThat(issueOf(Guarded.class, "{\"text\":\"  \"}"))
        .isEqualTo(new Issue("", "must not be blank"));
  }

  @Test
  void validatesAfterDecoding() {
    assertThatThrownBy(() -> codec.decode(new Present<>(Item.class), codec.parse("null"), "input"))
        .isInstanceOfSatisfying(ParleyException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
          assertThat(e.issues()).containsExactly(new Issue("", "is required"));
          assertThat(e.getMessage()).isEqualTo("input is invalid: is required");
        });
    assertThatThrownBy(() -> codec.decode(new Present<>(Item.class), new byte[0], "output"))
        .isInstanceOfSatisfying(ParleyException.class,
            e -> assertThat(e.getMessage()).isEqualTo("output is invalid: is required"));
  }

  @Test
  void reportsEveryIssueOfDerivedSchemaAfterDecoding() {
    record Todo(@jakarta.validation.constraints.Size(min = 1, max = 200) String text,
        String owner, List<Item> items) {}
    String json = "{\"text\":\"\",\"items\":[{\"name\":\"a\",\"count\":1},{\"count\":2}]}";
    ParleyException e = catchThrowableOfType(ParleyException.class,
        () -> codec.decode(Schema.of(Todo.class), json.getBytes(StandardCharsets.UTF_8), "input"));
    assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
    assertThat(e.issues()).containsExactly(
        new Issue("owner", "is required"),
        new Issue("items[1].name", "is required"),
        new Issue("text", "size must be between 1 and 200"));
    assertThat(e.getMessage()).isEqualTo("input is invalid: owner: is required (and 2 more)");
    assertThat(codec.decode(Schema.listOf(Item.class), codec.parse("[{\"name\":\"a\",\"count\":1}]"),
        "input")).containsExactly(new Item("a", 1));
  }

  @Test
  void rejectsMalformedJsonAsParseError() {
    for (String bad : List.of("{", "{\"name\":}", "[1,]", "{'a':1}", "nul", "{\"a\":1}}")) {
      ParleyException e = failure(Item.class, bad);
      assertThat(e.code()).as(bad).isEqualTo(ErrorCode.PARSE_ERROR);
      assertThat(e.getMessage()).as(bad).startsWith("input is not valid JSON: ")
          .doesNotContain("java.", "tools.jackson", "Exception", "Source");
      assertThatThrownBy(() -> codec.parse(bad)).as(bad)
          .isInstanceOfSatisfying(ParleyException.class,
              p -> assertThat(p.code()).isEqualTo(ErrorCode.PARSE_ERROR));
    }
    assertThat(failure(Item.class, "{").getMessage())
        .isEqualTo("input is not valid JSON: unexpected end of input (line 1, column 2)");
  }

  @Test
  void rejectsTrailingGarbage() {
    for (String bad : List.of("{} {}", "{\"name\":\"a\",\"count\":1} x", "1 2")) {
      ParleyException e = failure(Item.class, bad);
      assertThat(e.code()).as(bad).isEqualTo(ErrorCode.PARSE_ERROR);
      assertThatThrownBy(() -> codec.parse(bad.getBytes(StandardCharsets.UTF_8))).as(bad)
          .isInstanceOfSatisfying(ParleyException.class,
              p -> assertThat(p.code()).isEqualTo(ErrorCode.PARSE_ERROR));
    }
    assertThat(failure(Item.class, "{} {}").getMessage())
        .isEqualTo("input is not valid JSON: unexpected data after the JSON value (line 1, column 4)");
    assertThat(failure(Item.class, "{\"name\":\"a\",\"count\":1} {}").getMessage())
        .isEqualTo("input is not valid JSON: unexpected data after the JSON value (line 1, column 24)");
  }

  @Test
  void rejectsInvalidUtf8() {
    byte[] bad = {'"', (byte) 0xff, (byte) 0xfe, '"'};
    assertThatThrownBy(() -> codec.parse(bad))
        .isInstanceOfSatisfying(ParleyException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.PARSE_ERROR);
          assertThat(e.getMessage()).startsWith("input is not valid JSON: invalid UTF-8");
        });
    assertThatThrownBy(() -> codec.decode(new Present<>(String.class), bad, "input"))
        .isInstanceOfSatisfying(ParleyException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.PARSE_ERROR));
  }

  @Test
  void rejectsDuplicateProperties() {
    assertThat(failure(Item.class, "{\"name\":\"a\",\"name\":\"b\",\"count\":1}").code())
        .isEqualTo(ErrorCode.PARSE_ERROR);
  }

  @Test
  void rejectsNestingDeeperThanTheLimit() {
    String ok = "[".repeat(64) + "]".repeat(64);
    String deep = "[".repeat(65) + "]".repeat(65);
    assertThat(codec.parse(ok).isArray()).isTrue();
    for (ParleyException e : List.of(
        catchThrowableOfType(ParleyException.class, () -> codec.parse(deep)),
        failure(Object.class, deep))) {
      assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
      assertThat(e.getMessage()).isEqualTo("input nests deeper than 64 levels");
    }
    assertThatThrownBy(() -> new JsonCodec(3).parse("[[[[1]]]]"))
        .hasMessage("input nests deeper than 3 levels");
  }

  @Test
  void parsesBlankAsMissing() {
    assertThat(codec.parse("  ").isMissingNode()).isTrue();
    assertThat(codec.parse(new byte[0]).isMissingNode()).isTrue();
  }

  @Test
  void refusesNonPositiveDepth() {
    assertThatThrownBy(() -> new JsonCodec(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxNestingDepth: 0 (expected: > 0)");
  }

  @Test
  void rejectsIntegersOutOfRangeNamingTheirWidth() {
    record Widths(Long l, Short s, Byte b, Integer i) {}
    String huge = "99999999999999999999";
    assertThat(issueOf(Widths.class, "{\"l\":" + huge + "}"))
        .isEqualTo(new Issue("l", "is out of range for a 64-bit integer"));
    assertThat(issueOf(Widths.class, "{\"s\":40000}"))
        .isEqualTo(new Issue("s", "is out of range for a 16-bit integer"));
    assertThat(issueOf(Widths.class, "{\"s\":-40000}"))
        .isEqualTo(new Issue("s", "is out of range for a 16-bit integer"));
    assertThat(issueOf(Widths.class, "{\"b\":300}"))
        .isEqualTo(new Issue("b", "is out of range for an 8-bit integer"));
    assertThat(issueOf(Widths.class, "{\"b\":-300}"))
        .isEqualTo(new Issue("b", "is out of range for an 8-bit integer"));
    assertThat(issueOf(Widths.class, "{\"i\":3000000000}"))
        .isEqualTo(new Issue("i", "is out of range for a 32-bit integer"));
    record Primitives(long l, short s, byte b) {}
    assertThat(issueOf(Primitives.class, "{\"l\":" + huge + ",\"s\":1,\"b\":1}"))
        .isEqualTo(new Issue("l", "is out of range for a 64-bit integer"));
    assertThat(issueOf(Primitives.class, "{\"l\":1,\"s\":40000,\"b\":1}"))
        .isEqualTo(new Issue("s", "is out of range for a 16-bit integer"));
    assertThat(issueOf(Primitives.class, "{\"l\":1,\"s\":1,\"b\":300}"))
        .isEqualTo(new Issue("b", "is out of range for an 8-bit integer"));
  }

  @Test
  void rejectsABytesUnsignedRangeAboveItsOwn() {
    record Bytes(byte b, Byte boxed) {}
    for (String b : List.of("128", "200", "255", "-129", "99999999999")) {
      assertThat(issueOf(Bytes.class, "{\"b\":" + b + ",\"boxed\":1}")).as(b)
          .isEqualTo(new Issue("b", "is out of range for an 8-bit integer"));
      assertThat(issueOf(Bytes.class, "{\"b\":1,\"boxed\":" + b + "}")).as(b)
          .isEqualTo(new Issue("boxed", "is out of range for an 8-bit integer"));
    }
    assertThat(read(Bytes.class, "{\"b\":127,\"boxed\":-128}"))
        .isEqualTo(new Bytes((byte) 127, (byte) -128));
    assertThat(read(Bytes.class, "{\"b\":-128,\"boxed\":null}")).isEqualTo(new Bytes((byte) -128, null));
    assertThat(issueOf(Bytes.class, "{\"b\":1.5,\"boxed\":1}"))
        .isEqualTo(new Issue("b", "expected an integer"));
    assertThat(issueOf(Bytes.class, "{\"b\":\"1\",\"boxed\":1}"))
        .isEqualTo(new Issue("b", "expected an integer"));
    assertThat(issueOf(Bytes.class, "{\"b\":null,\"boxed\":1}"))
        .isEqualTo(new Issue("b", "is required"));
  }

  @Test
  void refusesANumberBeyondTheRangeOfADecimalAsBadRequest() {
    for (String json : List.of("1e99999999999", "[1e99999999999]", "{\"money\":-1e-99999999999}")) {
      for (ParleyException e : List.of(
          catchThrowableOfType(ParleyException.class, () -> codec.parse(json)),
          catchThrowableOfType(ParleyException.class,
              () -> codec.parse(json.getBytes(StandardCharsets.UTF_8))))) {
        assertThat(e).as(json).isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
        assertThat(e.getMessage()).isEqualTo("input has a number out of range");
      }
    }
    assertThat(failure(BigDecimal.class, "1e99999999999").code()).isEqualTo(ErrorCode.BAD_REQUEST);
    assertThat(failure(Object.class, "{\"money\":1e99999999999}").getMessage())
        .isEqualTo("input has a number out of range");
  }

  @Test
  void rejectsDateTimesDurationsAndUuidsNotInTheirCanonicalStringForm() {
    record Times(OffsetDateTime offset, LocalDateTime local, Duration delay, UUID id, Instant at,
        LocalDate day) {}
    String offset =
        "expected an ISO-8601 date-time string with an offset, e.g. 2024-01-31T10:15:30+01:00";
    String local = "expected an ISO-8601 local date-time string, e.g. 2024-01-31T10:15:30";
    String delay = "expected an ISO-8601 duration string, e.g. PT30S";
    String at = "expected an ISO-8601 instant string, e.g. 2024-01-31T10:15:30Z";
    assertThat(issueOf(Times.class, "{\"offset\":1}")).isEqualTo(new Issue("offset", offset));
    assertThat(issueOf(Times.class, "{\"offset\":\"2024-01-31T10:15:30\"}"))
        .isEqualTo(new Issue("offset", offset));
    assertThat(issueOf(Times.class, "{\"local\":[2024,1,31,10,15]}"))
        .isEqualTo(new Issue("local", local));
    assertThat(issueOf(Times.class, "{\"local\":\"2024-01-31T10:15:30Z\"}"))
        .isEqualTo(new Issue("local", local));
    assertThat(issueOf(Times.class, "{\"delay\":30}")).isEqualTo(new Issue("delay", delay));
    assertThat(issueOf(Times.class, "{\"delay\":\"30s\"}")).isEqualTo(new Issue("delay", delay));
    assertThat(issueOf(Times.class, "{\"at\":\"1700000000\"}")).isEqualTo(new Issue("at", at));
    assertThat(issueOf(Times.class, "{\"at\":1.5}")).isEqualTo(new Issue("at", at));
    assertThat(issueOf(Times.class, "{\"day\":\"2024-01-31T00:00:00\"}"))
        .isEqualTo(new Issue("day", "expected an ISO-8601 date string, e.g. 2024-01-31"));
    for (String id : List.of("EjRWeJASNFZ4kBI0VniQEg==", "123e4567e89b12d3a456426614174000")) {
      assertThat(issueOf(Times.class, "{\"id\":\"" + id + "\"}")).as(id)
          .isEqualTo(new Issue("id", "expected a UUID string"));
    }
  }

  @Test
  void explainsASyntaxErrorInPlainWordsWithItsPosition() {
    assertThat(failure(Item.class, "{'a':1}").getMessage())
        .isEqualTo("input is not valid JSON: unexpected character \"'\" (line 1, column 2)");
    assertThat(failure(Item.class, "[1\n 2]").getMessage())
        .isEqualTo("input is not valid JSON: unexpected character '2' (line 2, column 2)");
  }

  @Test
  void tellsItsNestingLimit() {
    assertThat(new JsonCodec(3).maxNestingDepth()).isEqualTo(3);
    assertThat(JsonCodec.standard().maxNestingDepth())
        .isEqualTo(JsonCodec.DEFAULT_MAX_NESTING_DEPTH).isEqualTo(64);
  }

  @Test
  void convertsATreeWithoutValidationOrNotAtAll() {
    assertThat(codec.convert(codec.parse("{\"name\":\"a\",\"count\":1}"), Item.class))
        .contains(new Item("a", 1));
    assertThat(codec.convert(codec.parse("{\"name\":null,\"count\":1}"), Item.class))
        .contains(new Item(null, 1));
    assertThat(codec.convert(codec.parse("[1]"), Item.class)).isEmpty();
  }
}
