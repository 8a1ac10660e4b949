package dev.parley.internal.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.parley.ErrorCode;
import dev.parley.Issue;
import dev.parley.ParleyException;
import dev.parley.Schema;
import jakarta.validation.constraints.Positive;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The issues of union values that do not fit, read from bytes and from trees alike. */
class UnionErrorsTest {
  sealed interface Shape permits Circle, Square {}

  record Circle(@Positive double radius) implements Shape {}

  record Square(double side) implements Shape {}

  record Drawing(List<Shape> shapes, Map<String, Shape> byName, Shape background) {}

  sealed interface Clash permits Typed {}

  record Typed(String type, int size) implements Clash {}

  private static final String NAMES = "\"Circle\", \"Square\"";

  /** A codec of each test's own, so that no test reads with readers an earlier test built. */
  private final JsonCodec codec = new JsonCodec(JsonCodec.DEFAULT_MAX_NESTING_DEPTH);

  private List<Issue> issues(Schema<?> schema, String json) {
    ParleyException bytes = catchThrowableOfType(ParleyException.class,
        () -> codec.decode(schema, json.getBytes(StandardCharsets.UTF_8), "input"));
    assertThat(bytes).as("decoding %s", json).isNotNull();
    assertThat(bytes.code()).isEqualTo(ErrorCode.BAD_REQUEST);
    assertThat(bytes.getMessage()).doesNotContain("java.", "dev.parley", "Exception", "`");
    ParleyException tree = catchThrowableOfType(ParleyException.class,
        () -> codec.decode(schema, codec.parse(json), "input"));
    assertThat(tree.issues()).as("from a tree: %s", json).isEqualTo(bytes.issues());
    return bytes.issues();
  }

  private List<Issue> shapeIssues(String json) {
    return issues(Schema.of(Shape.class), json);
  }

  private List<Issue> drawingIssues(String shape) {
    return issues(Schema.of(Drawing.class), "{\"shapes\":[{\"type\":\"Square\",\"side\":1}," + shape
        + "],\"byName\":{},\"background\":{\"type\":\"Circle\",\"radius\":1}}");
  }

  @Test
  void reportsAMissingTypeAtTheDiscriminator() {
    Issue missing = new Issue("type", "is required (expected one of " + NAMES + ")");
    assertThat(shapeIssues("{\"radius\":1}")).containsExactly(missing);
    assertThat(shapeIssues("{}")).containsExactly(missing);
    assertThat(shapeIssues("{\"type\":null,\"radius\":1}")).containsExactly(missing);
    assertThat(drawingIssues("{\"radius\":1}")).containsExactly(
        new Issue("shapes[1].type", "is required (expected one of " + NAMES + ")"));
  }

  @Test
  void reportsAnUnknownTypeAtTheDiscriminator() {
    assertThat(shapeIssues("{\"type\":\"Hexagon\",\"side\":1}"))
        .containsExactly(new Issue("type", "\"Hexagon\" is not one of " + NAMES));
    assertThat(shapeIssues("{\"type\":\"circle\",\"radius\":1}"))
        .containsExactly(new Issue("type", "\"circle\" is not one of " + NAMES));
    assertThat(issues(Schema.of(Drawing.class), "{\"shapes\":[],\"byName\":{\"k\":{\"radius\":1,"
        + "\"type\":\"Hexagon\"}},\"background\":{\"type\":\"Circle\",\"radius\":1}}"))
        .containsExactly(new Issue("byName.k.type", "\"Hexagon\" is not one of " + NAMES));
  }

  @Test
  void echoesAnUnknownTypeOfUpTo64Characters() {
    String longest = "x".repeat(64);
    assertThat(shapeIssues("{\"type\":\"" + longest + "\"}"))
        .containsExactly(new Issue("type", "\"" + longest + "\" is not one of " + NAMES));
    assertThat(shapeIssues("{\"type\":\"" + longest + "yz\"}"))
        .containsExactly(new Issue("type", "\"" + longest + "…\" is not one of " + NAMES));
  }

  @Test
  void reportsATypeThatIsNotAStringAtTheDiscriminator() {
    Issue notAString = new Issue("type", "expected a string, one of " + NAMES);
    for (String type : List.of("1", "true", "{\"name\":\"Circle\"}", "[\"Circle\"]")) {
      assertThat(shapeIssues("{\"radius\":1,\"type\":" + type + "}")).as(type)
          .containsExactly(notAString);
    }
    assertThat(drawingIssues("{\"type\":0}"))
        .containsExactly(new Issue("shapes[1].type", "expected a string, one of " + NAMES));
  }

  @Test
  void requiresAnObjectForAUnion() {
    for (String json : List.of("[\"Circle\",{\"radius\":1}]", "\"Circle\"", "5", "true")) {
      assertThat(shapeIssues(json)).as(json).containsExactly(new Issue("", "expected an object"));
    }
    assertThat(drawingIssues("[\"Circle\",{\"radius\":1}]"))
        .containsExactly(new Issue("shapes[1]", "expected an object"));
  }

  @Test
  void reportsANullUnionAsRequired() {
    assertThat(shapeIssues("null")).containsExactly(new Issue("", "is required"));
    assertThat(issues(Schema.of(Drawing.class), "{\"shapes\":[null],\"byName\":{}}"))
        .containsExactly(new Issue("shapes[0]", "is required"), new Issue("background",
            "is required"));
  }

  @Test
  void readsVariantsStrictly() {
    assertThat(shapeIssues("{\"type\":\"Circle\",\"radius\":\"1\"}"))
        .containsExactly(new Issue("radius", "expected a number"));
    assertThat(drawingIssues("{\"side\":true,\"type\":\"Square\"}"))
        .containsExactly(new Issue("shapes[1].side", "expected a number"));
    assertThat(shapeIssues("{\"type\":\"Square\"}"))
        .containsExactly(new Issue("side", "is required"));
  }

  @Test
  void reportsConstraintsInsideVariantsAtTheirPath() {
    assertThat(shapeIssues("{\"type\":\"Circle\",\"radius\":-1}"))
        .containsExactly(new Issue("radius", "must be greater than 0"));
    assertThat(drawingIssues("{\"type\":\"Circle\",\"radius\":0}"))
        .containsExactly(new Issue("shapes[1].radius", "must be greater than 0"));
  }

  @Test
  void treatsARefusedUnionAsAnInternalErrorWithoutItsDetails() {
    ParleyException writing =
        catchThrowableOfType(ParleyException.class, () -> codec.encode(new Typed("x", 1)));
    ParleyException reading = catchThrowableOfType(ParleyException.class, () -> codec.decode(
        new JsonCodecTest.Present<>(Clash.class), codec.parse("{\"type\":\"Typed\"}"), "input"));
    for (ParleyException e : new ParleyException[] {writing, reading}) {
      assertThat(e).isNotNull();
      assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL_SERVER_ERROR);
      assertThat(e.getMessage()).isEqualTo("Internal server error");
    }
  }
}
