package dev.parley.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Issue;
import dev.parley.Schema;
import dev.parley.TypeRef;
import dev.parley.Variant;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class UnionSchemaTest {
  sealed interface Shape permits Circle, Square, Label, Polygon {}

  record Circle(@Positive double radius) implements Shape {}

  record Square(double side) implements Shape {}

  record Label(@NotBlank String text) implements Shape {}

  sealed interface Polygon extends Shape permits Triangle, Pentagon {}

  record Triangle(@Positive int base, @Positive int height) implements Polygon {}

  @Variant("pentagon")
  record Pentagon(List<Shape> inside) implements Polygon {}

  record Drawing(List<Shape> shapes, Map<String, Shape> byName, Optional<Shape> highlight,
      @Nullable Shape background) {}

  sealed interface Expr permits Num, Add, Neg {}

  record Num(@Positive int value) implements Expr {}

  record Add(Expr left, Expr right) implements Expr {}

  record Neg(Optional<Expr> inner) implements Expr {}

  record Page<T>(List<T> items, int total) {}

  record Chain(String name, @Nullable Chain next) {}

  @Test
  void derivesTheSealedInterfaceAndRequiresAValue() {
    Schema<Shape> schema = Schema.of(Shape.class);
    assertThat(schema.type()).isEqualTo(Shape.class);
    assertThat(schema.validate(null)).containsExactly(new Issue("", "is required"));
    assertThat(schema.validate(new Circle(1))).isSameAs(List.of());
    assertThat(schema.validate(new Circle(0)))
        .containsExactly(new Issue("radius", "must be greater than 0"));
  }

  @Test
  void checksEachVariantByItsOwnRecordAtTheUnionsPath() {
    Schema<List<Shape>> schema = Schema.listOf(Shape.class);
    assertThat(schema.validate(List.of(new Square(-1), new Circle(1), new Label("a"))))
        .isSameAs(List.of());
    assertThat(schema.validate(List.of(new Square(1), new Circle(-1), new Label(null))))
        .containsExactly(new Issue("[1].radius", "must be greater than 0"),
            new Issue("[2].text", "is required"), new Issue("[2].text", "must not be blank"));
  }

  @Test
  void checksVariantsOfFlattenedSealedInterfaces() {
    assertThat(Schema.of(Shape.class).validate(new Triangle(0, 1)))
        .containsExactly(new Issue("base", "must be greater than 0"));
    assertThat(Schema.of(Polygon.class).validate(new Pentagon(List.of(new Triangle(1, -2)))))
        .containsExactly(new Issue("inside[0].height", "must be greater than 0"));
  }

  @Test
  void checksUnionsInListsMapsOptionalsAndNullableComponents() {
    var drawing = new Drawing(Arrays.asList(new Circle(1), null), Map.of("k", new Label(" ")),
        Optional.of(new Circle(-2)), new Triangle(1, 0));
    assertThat(Schema.of(Drawing.class).validate(drawing)).containsExactly(
        new Issue("shapes[1]", "is required"),
        new Issue("byName.k.text", "must not be blank"),
        new Issue("highlight.radius", "must be greater than 0"),
        new Issue("background.height", "must be greater than 0"));
    var valid = new Drawing(List.of(new Square(1)), Map.of(), Optional.empty(), null);
    assertThat(Schema.of(Drawing.class).validate(valid)).isSameAs(List.of());
  }

  @Test
  void checksUnionsInSetsAndGenericRecords() {
    assertThat(Schema.setOf(Shape.class).validate(Set.of(new Label(""))))
        .containsExactly(new Issue("[0].text", "must not be blank"));
    Schema<Page<Shape>> page = Schema.of(new TypeRef<Page<Shape>>() {});
    assertThat(page.validate(new Page<>(List.of(new Circle(1), new Circle(0)), 2)))
        .containsExactly(new Issue("items[1].radius", "must be greater than 0"));
  }

  @Test
  void walksRecursiveUnions() {
    Expr expr = new Add(new Num(1), new Add(null, new Neg(Optional.of(new Num(0)))));
    assertThat(Schema.of(Expr.class).validate(expr)).containsExactly(
        new Issue("right.left", "is required"), new Issue("right.right.inner.value",
            "must be greater than 0"));
    assertThat(Schema.of(Expr.class).validate(new Neg(Optional.of(new Num(2))))).isEmpty();
  }

  @Test
  void walksRecursiveRecordsThroughNullableComponents() {
    var chain = new Chain("a", new Chain("b", new Chain(null, null)));
    assertThat(Schema.of(Chain.class).validate(chain))
        .containsExactly(new Issue("next.next.name", "is required"));
  }

  @Test
  void checksValidUnionsWithoutAllocation() {
    assertThat(ConstraintCompiler.of(Triangle.class)).isInstanceOf(CompiledConstraints.class);
    assertThat(ConstraintCompiler.of(Label.class)).isInstanceOf(CompiledConstraints.class);
    Schema<List<Shape>> schema = Schema.listOf(Shape.class);
    List<Shape> shapes = List.of(new Square(1), new Label("a"), new Triangle(1, 2),
        new Pentagon(List.of(new Triangle(3, 4))));
    int calls = 10_000;
    for (int i = 0; i < calls; i++) {
      assertThat(schema.validate(shapes)).isSameAs(List.of());
    }
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    int found = 0;
    for (int i = 0; i < calls; i++) {
      found += schema.validate(shapes).size();
    }
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertThat(found).isZero();
    assertThat(allocated).as("bytes allocated by %s valid calls", calls).isLessThan(calls);
  }

  @Test
  void namesVariantsBySimpleNameOrVariantAnnotationFlattened() {
    assertThat(Union.of(Shape.class).cases()).containsExactly(
        new Union.Case(Circle.class, "Circle"), new Union.Case(Square.class, "Square"),
        new Union.Case(Label.class, "Label"), new Union.Case(Triangle.class, "Triangle"),
        new Union.Case(Pentagon.class, "pentagon"));
    assertThat(Union.of(Shape.class).names())
        .isEqualTo("\"Circle\", \"Square\", \"Label\", \"Triangle\", \"pentagon\"");
    assertThat(Union.of(Polygon.class).names()).isEqualTo("\"Triangle\", \"pentagon\"");
  }
}
