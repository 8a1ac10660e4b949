package dev.parley.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.parley.ErrorCode;
import dev.parley.Issue;
import dev.parley.ParleyException;
import dev.parley.Schema;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Decoding reports every issue of an input at once: the JSON type of each part that does not read,
 * and the schema's issues of the parts beside them that do, sorted by path, without duplicates, at
 * most {@link JsonCodec#MAX_ISSUES}; from bytes and from a tree alike.
 */
class EveryIssueTest {
  enum Status { OPEN, DONE }

  record Line(@NotBlank String sku, @Positive int quantity) {}

  record Address(@NotBlank String city, @Size(max = 5) String zip) {}

  record Order(@Size(min = 1, max = 10) String title, Status status, List<Line> lines,
      Map<String, Line> byKey, Address address, Optional<Instant> due, UUID id) {}

  sealed interface Shape permits Circle, Square {}

  record Circle(@Positive double radius) implements Shape {}

  record Square(@Positive long side, @Size(max = 3) String label) implements Shape {}

  record Drawing(@NotBlank String name, List<Shape> shapes, Shape background) {}

  private static final String ID = "\"id\":\"123e4567-e89b-12d3-a456-426614174000\"";

  private final JsonCodec codec = new JsonCodec(JsonCodec.DEFAULT_MAX_NESTING_DEPTH);

  /** The error of decoding {@code json}, the same from bytes and from its tree. */
  private ParleyException failure(Schema<?> schema, String json) {
    ParleyException bytes = catchThrowableOfType(ParleyException.class,
        () -> codec.decode(schema, json.getBytes(StandardCharsets.UTF_8), "input"));
    assertThat(bytes).as("decoding %s", json).isNotNull();
    assertThat(bytes.code()).isEqualTo(ErrorCode.BAD_REQUEST);
    ParleyException tree = catchThrowableOfType(ParleyException.class,
        () -> codec.decode(schema, codec.parse(json), "input"));
    assertThat(tree.issues()).as("from a tree: %s", json).isEqualTo(bytes.issues());
    assertThat(tree.getMessage()).isEqualTo(bytes.getMessage());
    return bytes;
  }

  private List<Issue> issues(Schema<?> schema, String json) {
    return failure(schema, json).issues();
  }

  @Test
  void reportsEveryTypeIssueOfABodyAtOnce() {
    String json = "{\"title\":5,\"status\":\"OPEN\",\"lines\":[{\"sku\":\"a\",\"quantity\":\"2\"}],"
        + "\"byKey\":{},\"address\":{\"city\":\"x\",\"zip\":1},\"due\":1700000000," + ID + "}";
    ParleyException e = failure(Schema.of(Order.class), json);
    assertThat(e.issues()).containsExactly(
        new Issue("address.zip", "expected a string"),
        new Issue("due", "expected an ISO-8601 instant string, e.g. 2024-01-31T10:15:30Z"),
        new Issue("lines[0].quantity", "expected an integer"),
        new Issue("title", "expected a string"));
    assertThat(e.getMessage()).isEqualTo("input is invalid: address.zip: expected a string (and 3 more)");
  }

  @Test
  void reportsATypeIssueAndTheConstraintIssuesBesideIt() {
    String json = "{\"title\":\"far too long a title\",\"status\":\"LATER\",\"lines\":[],"
        + "\"byKey\":{},\"address\":{\"city\":\" \",\"zip\":\"123456\"}," + ID + "}";
    assertThat(issues(Schema.of(Order.class), json)).containsExactly(
        new Issue("address.city", "must not be blank"),
        new Issue("address.zip", "size must be between 0 and 5"),
        new Issue("status", "expected one of [OPEN, DONE]"),
        new Issue("title", "size must be between 1 and 10"));
  }

  @Test
  void reportsTheIssuesInsideListsMapsAndNestedRecords() {
    String json = "{\"title\":\"t\",\"status\":\"OPEN\",\"lines\":[{\"sku\":\"a\",\"quantity\":0},"
        + "{\"sku\":\"\",\"quantity\":1.5},{\"quantity\":2},null],"
        + "\"byKey\":{\"k\":{\"sku\":7,\"quantity\":-1},\"ok\":{\"sku\":\"s\",\"quantity\":1}},"
        + "\"address\":{\"zip\":\"123\"},\"id\":\"not-a-uuid\"}";
    assertThat(issues(Schema.of(Order.class), json)).containsExactly(
        new Issue("address.city", "is required"),
        new Issue("address.city", "must not be blank"),
        new Issue("byKey.k.quantity", "must be greater than 0"),
        new Issue("byKey.k.sku", "expected a string"),
        new Issue("id", "expected a UUID string"),
        new Issue("lines[0].quantity", "must be greater than 0"),
        new Issue("lines[1].quantity", "expected an integer"),
        new Issue("lines[1].sku", "must not be blank"),
        new Issue("lines[2].sku", "is required"),
        new Issue("lines[2].sku", "must not be blank"),
        new Issue("lines[3]", "is required"));
  }

  @Test
  void reportsTheIssuesInsideUnionVariants() {
    String json = "{\"name\":\"\",\"shapes\":[{\"type\":\"Circle\",\"radius\":-1},"
        + "{\"type\":\"Square\",\"side\":\"2\",\"label\":\"long\"},{\"type\":\"Hexagon\"},{\"side\":1},"
        + "{\"type\":3}],\"background\":{\"type\":\"Circle\",\"radius\":true}}";
    String names = "\"Circle\", \"Square\"";
    assertThat(issues(Schema.of(Drawing.class), json)).containsExactly(
        new Issue("background.radius", "expected a number"),
        new Issue("name", "must not be blank"),
        new Issue("shapes[0].radius", "must be greater than 0"),
        new Issue("shapes[1].label", "size must be between 0 and 3"),
        new Issue("shapes[1].side", "expected an integer"),
        new Issue("shapes[2].type", "\"Hexagon\" is not one of " + names),
        new Issue("shapes[3].type", "is required (expected one of " + names + ")"),
        new Issue("shapes[4].type", "expected a string, one of " + names));
  }

  @Test
  void reportsMissingAndNullPrimitivesBesideOtherIssues() {
    record Counts(int a, long b, boolean c, String d) {}
    assertThat(issues(Schema.of(Counts.class), "{\"b\":null,\"c\":1}")).containsExactly(
        new Issue("a", "is required"),
        new Issue("b", "is required"),
        new Issue("c", "expected a boolean"),
        new Issue("d", "is required"));
  }

  @Test
  void checksTheElementsOfAListBesideAnElementOfTheWrongType() {
    record Tags(List<@NotBlank @Size(max = 3) String> tags, Map<String, @Positive Integer> scores) {}
    assertThat(issues(Schema.of(Tags.class),
        "{\"tags\":[\"\",5,\"long\",\"ok\"],\"scores\":{\"a\":0,\"b\":\"1\",\"c\":2}}"))
        .containsExactly(
            new Issue("scores.a", "must be greater than 0"),
            new Issue("scores.b", "expected an integer"),
            new Issue("tags[0]", "must not be blank"),
            new Issue("tags[1]", "expected a string"),
            new Issue("tags[2]", "size must be between 0 and 3"));
  }

  @Test
  void checksAContainersOwnConstraintsOnlyWhenItReadsWhole() {
    record Tags(@Size(min = 3) List<String> tags, @NotBlank String owner) {}
    assertThat(issues(Schema.of(Tags.class), "{\"tags\":[\"a\",5],\"owner\":\"\"}"))
        .containsExactly(new Issue("owner", "must not be blank"), new Issue("tags[1]",
            "expected a string"));
    assertThat(issues(Schema.of(Tags.class), "{\"tags\":[\"a\"],\"owner\":5}")).containsExactly(
        new Issue("owner", "expected a string"), new Issue("tags", "size must be between 3 and "
            + Integer.MAX_VALUE));
  }

  @Test
  void leavesHibernateValidatorsConstraintsOfARecordToWhenItReadsWhole() {
    record Signup(@Email String email, @Size(max = 3) String name, int age) {}
    Schema<Signup> schema = Schema.of(Signup.class);
    assertThat(issues(schema, "{\"email\":\"x\",\"name\":\"long\",\"age\":\"1\"}"))
        .containsExactly(new Issue("age", "expected an integer"));
    assertThat(issues(schema, "{\"email\":\"x\",\"name\":\"long\",\"age\":1}")).containsExactly(
        new Issue("email", "must be a well-formed email address"),
        new Issue("name", "size must be between 0 and 3"));
  }

  @Test
  void reportsAConstructorsRefusalBesideTheIssuesOfTheOtherParts() {
    record Guarded(String text) {
      Guarded {
        if (text != null && text.isBlank()) {
          throw new IllegalArgumentException("text must not be blank");
        }
      }
    }
    record Pair(Guarded left, @Positive int right, String name) {}
    assertThat(issues(Schema.of(Pair.class), "{\"left\":{\"text\":\" \"},\"right\":0,\"name\":1}"))
        .containsExactly(
            new Issue("left", "text must not be blank"),
            new Issue("name", "expected a string"),
            new Issue("right", "must be greater than 0"));
  }

  @Test
  void reportsEveryTypeIssueForASchemaParleyDidNotDerive() {
    record Item(String name, int count, Optional<Status> status) {}
    Schema<Item> present = new JsonCodecTest.Present<>(Item.class);
    assertThat(issues(present, "{\"name\":5,\"status\":\"LATER\"}")).containsExactly(
        new Issue("count", "is required"),
        new Issue("name", "expected a string"),
        new Issue("status", "expected one of [OPEN, DONE]"));
  }

  @Test
  void listsEachIssueOnce() {
    record Labels(java.util.Set<@NotBlank String> labels) {}
    assertThat(issues(Schema.of(Labels.class), "{\"labels\":[\"\",\" \",5]}")).containsExactly(
        new Issue("labels", "must not be blank"),
        new Issue("labels[2]", "expected a string"));
  }

  @Test
  void listsAtMostTheMaximumAndSaysMoreWereLeftOut() {
    int max = JsonCodec.MAX_ISSUES;
    assertThat(max).isEqualTo(100);
    String wrongTypes = "[" + "1,".repeat(max + 50) + "1]";
    ParleyException e = failure(Schema.listOf(String.class), wrongTypes);
    assertThat(e.issues()).hasSize(max).allMatch(i -> i.message().equals("expected a string"));
    assertThat(e.issues().get(max - 1).path()).isEqualTo("[" + (max - 1) + "]");
    assertThat(e.getMessage()).isEqualTo("input is invalid: [0]: expected a string (and "
        + (max - 1) + " more; further issues left out, " + max + " at most are listed)");
    String exactly = "[" + "1,".repeat(max - 1) + "1]";
    assertThat(failure(Schema.listOf(String.class), exactly).getMessage())
        .isEqualTo("input is invalid: [0]: expected a string (and " + (max - 1) + " more)");
  }

  @Test
  void listsAtMostTheMaximumOfAValueThatReadsButFailsItsSchema() {
    int max = JsonCodec.MAX_ISSUES;
    String blanks = "[" + "{\"sku\":\"\",\"quantity\":1},".repeat(max) + "{\"quantity\":1}]";
    ParleyException e = failure(Schema.listOf(Line.class), blanks);
    assertThat(e.issues()).hasSize(max);
    assertThat(e.getMessage()).endsWith("(and " + (max - 1) + " more; further issues left out, "
        + max + " at most are listed)");
  }

  @Test
  void keepsAParseErrorAfterATypeIssue() {
    for (String json : List.of("{\"title\":5,", "{\"title\":5} x", "{\"title\":5,\"title\":6}")) {
      ParleyException e = catchThrowableOfType(ParleyException.class, () -> codec.decode(
          Schema.of(Order.class), json.getBytes(StandardCharsets.UTF_8), "input"));
      assertThat(e.code()).as(json).isEqualTo(ErrorCode.PARSE_ERROR);
      assertThat(e.issues()).isEmpty();
    }
  }
}
