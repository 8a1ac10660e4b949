package dev.parley.internal.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Schema;
import dev.parley.TypeRef;
import dev.parley.Variant;
import jakarta.validation.constraints.Positive;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonGenerator;

/** Reading and writing discriminated unions; their errors are in {@link UnionErrorsTest}. */
class UnionCodecTest {
  sealed interface Shape permits Circle, Square, Polygon {}

  record Circle(@Positive double radius) implements Shape {}

  record Square(double side, Optional<String> color) implements Shape {}

  sealed interface Polygon extends Shape permits Triangle, Pentagon {}

  record Triangle(double base, double height) implements Polygon {}

  @Variant("pentagon")
  record Pentagon(double side) implements Polygon {}

  record Drawing(String title, List<Shape> shapes, Map<String, Shape> byName,
      Optional<Shape> highlight, @Nullable Shape background) {}

  sealed interface Expr permits Num, Add {}

  record Num(int value) implements Expr {}

  record Add(Expr left, Expr right) implements Expr {}

  record Page<T>(List<T> items, int total) {}

  /** A codec of each test's own, so that no test reads with readers an earlier test built. */
  private final JsonCodec codec = new JsonCodec(JsonCodec.DEFAULT_MAX_NESTING_DEPTH);

  private String json(Object value) {
    return new String(codec.encode(value), StandardCharsets.UTF_8);
  }

  private <T> T decode(Schema<T> schema, String json) {
    T fromBytes = codec.decode(schema, json.getBytes(StandardCharsets.UTF_8), "input");
    assertThat(codec.decode(schema, codec.parse(json), "input")).isEqualTo(fromBytes);
    return fromBytes;
  }

  private <T> void roundTrips(Schema<T> schema, T value) {
    assertThat(decode(schema, json(value))).isEqualTo(value);
  }

  @Test
  void decodesEachVariant() {
    Schema<Shape> shape = Schema.of(Shape.class);
    assertThat(decode(shape, "{\"type\":\"Circle\",\"radius\":1.5}")).isEqualTo(new Circle(1.5));
    assertThat(decode(shape, "{\"type\":\"Square\",\"side\":2}"))
        .isEqualTo(new Square(2, Optional.empty()));
    assertThat(decode(shape, "{\"type\":\"Triangle\",\"base\":1,\"height\":2}"))
        .isEqualTo(new Triangle(1, 2));
    assertThat(decode(shape, "{\"type\":\"pentagon\",\"side\":3}")).isEqualTo(new Pentagon(3));
  }

  @Test
  void readsTheTypeAnywhereAndIgnoresUnknownProperties() {
    assertThat(decode(Schema.of(Shape.class),
        "{\"extra\":{\"a\":[1,{\"type\":\"x\"}]},\"radius\":2,\"type\":\"Circle\",\"more\":null}"))
        .isEqualTo(new Circle(2));
    assertThat(decode(Schema.of(Shape.class), "{\"side\":1,\"color\":\"red\",\"type\":\"Square\"}"))
        .isEqualTo(new Square(1, Optional.of("red")));
  }

  @Test
  void writesTheTypeFirstWhateverTypeTheVariantIsWrittenAs() throws Exception {
    String circle = "{\"type\":\"Circle\",\"radius\":1.5}";
    assertThat(json(new Circle(1.5))).isEqualTo(circle);
    assertThat(written(Shape.class, new Circle(1.5))).isEqualTo(circle);
    assertThat(json(List.of(new Circle(1.5)))).isEqualTo("[" + circle + "]");
    assertThat(written(new TypeRef<List<Shape>>() {}.type(), List.of(new Circle(1.5))))
        .isEqualTo("[" + circle + "]");
    assertThat(codec.toTree(new Pentagon(1)).get("type").asString()).isEqualTo("pentagon");
  }

  /** {@code value} written by the codec as a value of its declared {@code type}. */
  private String written(java.lang.reflect.Type type, Object value) {
    var out = new ByteArrayOutputStream();
    try (JsonGenerator g = codec.generator(out)) {
      codec.write(g, type, value);
    }
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void writesTheTypeOfValuesAGeneratorWritesByTheirRuntimeClass() {
    var out = new ByteArrayOutputStream();
    try (JsonGenerator g = codec.generator(out)) {
      g.writeStartObject();
      g.writeName("data");
      g.writePOJO(Map.of("a", List.of(new Circle(1.5))));
      g.writeEndObject();
    }
    assertThat(out.toString(StandardCharsets.UTF_8))
        .isEqualTo("{\"data\":{\"a\":[{\"type\":\"Circle\",\"radius\":1.5}]}}");
  }

  @Test
  void roundTripsARootVariant() {
    roundTrips(Schema.of(Shape.class), new Circle(1.5));
    roundTrips(Schema.of(Shape.class), new Square(1, Optional.of("red")));
  }

  @Test
  void roundTripsListsMapsOptionalsAndNullableComponents() {
    roundTrips(Schema.listOf(Shape.class), List.of(new Circle(1), new Square(2, Optional.empty())));
    roundTrips(Schema.mapOf(Shape.class), Map.of("a", new Circle(1), "b", new Triangle(1, 2)));
    var drawing = new Drawing("d", List.of(new Pentagon(1)), Map.of("c", new Circle(2)),
        Optional.of(new Triangle(3, 4)), new Square(5, Optional.empty()));
    roundTrips(Schema.of(Drawing.class), drawing);
    roundTrips(Schema.of(Drawing.class),
        new Drawing("e", List.of(), Map.of(), Optional.empty(), null));
  }

  @Test
  void roundTripsRecursiveUnions() {
    Expr expr = new Add(new Num(1), new Add(new Num(2), new Num(3)));
    assertThat(json(expr)).isEqualTo("{\"type\":\"Add\",\"left\":{\"type\":\"Num\",\"value\":1},"
        + "\"right\":{\"type\":\"Add\",\"left\":{\"type\":\"Num\",\"value\":2},"
        + "\"right\":{\"type\":\"Num\",\"value\":3}}}");
    roundTrips(Schema.of(Expr.class), expr);
  }

  @Test
  void roundTripsFlattenedVariantsAndVariantNames() {
    assertThat(json(new Pentagon(2))).isEqualTo("{\"type\":\"pentagon\",\"side\":2.0}");
    roundTrips(Schema.of(Shape.class), new Pentagon(2));
    roundTrips(Schema.of(Polygon.class), new Triangle(1, 2));
  }

  @Test
  void roundTripsUnionsInGenericRecords() {
    roundTrips(Schema.of(new TypeRef<Page<Shape>>() {}), new Page<>(List.of(new Circle(1)), 1));
  }

  @Test
  void writesAndReadsAVariantRecordAlsoAsItself() {
    assertThat(json(new Triangle(1, 2)))
        .isEqualTo("{\"type\":\"Triangle\",\"base\":1.0,\"height\":2.0}");
    assertThat(decode(Schema.of(Triangle.class), "{\"base\":1,\"height\":2}"))
        .isEqualTo(new Triangle(1, 2));
  }
}
