package dev.parley.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.Issue;
import dev.parley.TypeRef;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The plans that {@link Derivation} makes, each derived afresh: what a record requires, which
 * parts it walks, and that a plan's fast check agrees with its walk. {@link DerivedSchemaTest}
 * tests the same rules through the cached schemas.
 */
class DerivationTest {
  /** A declaration annotation named {@code Nullable}, as older libraries have. */
  static final class Declared {
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.RECORD_COMPONENT)
    @interface Nullable {}
  }

  /** A type-use annotation that means nothing to Parley. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.TYPE_USE)
  @interface Tag {}

  record Item(String name, int count) {}

  record Absent(Optional<String> note, Void nothing, @Nullable String typeUse,
      @Declared.Nullable String declared, @Tag String tagged) {}

  record Holes(List<@Nullable String> list, Set<@Nullable String> set,
      Map<String, @Nullable String> map) {}

  record Nested(@Nullable Item item, @Nullable List<Item> items, Optional<Item> maybe,
      @Nullable Range range) {}

  record Range(@Min(0) int low) {}

  record Chain(String label, @Nullable Chain next) {}

  record Page<T>(List<T> items, int total) {}

  record Flag(@AssertTrue boolean on) {}

  record Scores(Map<String, @Positive Integer> byName, Set<@NotBlank String> tags) {}

  sealed interface Shape permits Circle, Square {}

  record Circle(String color) implements Shape {}

  record Square(int side) implements Shape {}

  /** The issues of {@code value} by the plan of {@code type}, whose fast check must agree. */
  private static List<Issue> issues(Type type, Object value) {
    Node plan = Derivation.plan(type);
    List<Issue> issues = new ArrayList<>();
    plan.collect(value, "", issues);
    assertThat(plan.valid(value)).as("fast check of %s", value).isEqualTo(issues.isEmpty());
    return issues;
  }

  @Test
  void requiresReferenceComponentsButNotPrimitiveOnes() {
    assertThat(issues(Item.class, new Item(null, 0)))
        .containsExactly(new Issue("name", "is required"));
    assertThat(issues(Item.class, new Item("a", 0))).isEmpty();
  }

  @Test
  void leavesOptionalVoidAndNullableComponentsOutButRequiresTheOthers() {
    assertThat(issues(Absent.class, new Absent(null, null, null, null, null)))
        .containsExactly(new Issue("tagged", "is required"));
    assertThat(issues(Absent.class, new Absent(Optional.empty(), null, "a", "b", "c"))).isEmpty();
  }

  @Test
  void allowsNullElementsAndValuesOnlyWhereDeclaredNullable() {
    Map<String, @Nullable String> map = new HashMap<>();
    map.put("k", null);
    var holes = new Holes(Arrays.asList("a", null), new LinkedHashSet<>(Arrays.asList("b", null)),
        map);
    assertThat(issues(Holes.class, holes)).isEmpty();
    assertThat(issues(new TypeRef<List<String>>() {}.type(), Arrays.asList("a", null)))
        .containsExactly(new Issue("[1]", "is required"));
    assertThat(issues(new TypeRef<Set<String>>() {}.type(),
        new LinkedHashSet<>(Arrays.asList("a", null))))
        .containsExactly(new Issue("[1]", "is required"));
    assertThat(issues(new TypeRef<Map<String, String>>() {}.type(), map))
        .containsExactly(new Issue("k", "is required"));
  }

  @Test
  void walksMapValuesAndSetsThatAreValid() {
    Map<String, Item> map = new LinkedHashMap<>();
    map.put("a", new Item("x", 1));
    assertThat(issues(new TypeRef<Map<String, Item>>() {}.type(), map)).isEmpty();
    assertThat(issues(new TypeRef<Set<Item>>() {}.type(), Set.of(new Item("x", 1)))).isEmpty();
    map.put("b", new Item(null, 2));
    assertThat(issues(new TypeRef<Map<String, Item>>() {}.type(), map))
        .containsExactly(new Issue("b.name", "is required"));
  }

  @Test
  void checksWhatIsInsideComponentsThatMayBeAbsent() {
    assertThat(issues(Nested.class, new Nested(null, null, Optional.empty(), null))).isEmpty();
    assertThat(issues(Nested.class, new Nested(new Item(null, 1), List.of(new Item(null, 2)),
        Optional.of(new Item(null, 3)), new Range(-1)))).containsExactly(
        new Issue("item.name", "is required"),
        new Issue("items[0].name", "is required"),
        new Issue("maybe.name", "is required"),
        new Issue("range.low", "must be greater than or equal to 0"));
  }

  @Test
  void walksARecursiveRecordThroughANullableComponent() {
    assertThat(issues(Chain.class, new Chain("a", new Chain("b", new Chain(null, null)))))
        .containsExactly(new Issue("next.next.label", "is required"));
  }

  @Test
  void bindsTheTypeArgumentsOfAGenericRecord() {
    Type pageOfItems = new TypeRef<Page<Item>>() {}.type();
    assertThat(issues(pageOfItems, new Page<>(List.of(new Item(null, 1)), 1)))
        .containsExactly(new Issue("items[0].name", "is required"));
    assertThat(issues(pageOfItems, new Page<>(List.of(new Item("a", 1)), 1))).isEmpty();
  }

  @Test
  void checksEachVariantOfAUnionByItsOwnPlan() {
    assertThat(issues(Shape.class, new Circle("red"))).isEmpty();
    assertThat(issues(Shape.class, new Square(1))).isEmpty();
    assertThat(issues(Shape.class, new Circle(null)))
        .containsExactly(new Issue("color", "is required"));
  }

  @Test
  void checksACompiledBooleanConstraintInTheFastCheckToo() {
    assertThat(issues(Flag.class, new Flag(true))).isEmpty();
    assertThat(issues(Flag.class, new Flag(false)))
        .containsExactly(new Issue("on", "must be true"));
  }

  @Test
  void checksCompiledConstraintsOnMapValuesAndSetElementsInTheFastCheckToo() {
    assertThat(issues(Scores.class, new Scores(Map.of("k", 1), Set.of("a")))).isEmpty();
    assertThat(issues(Scores.class, new Scores(Map.of("k", 0), Set.of("a"))))
        .containsExactly(new Issue("byName.k", "must be greater than 0"));
    assertThat(issues(Scores.class, new Scores(Map.of("k", 1), Set.of(" "))))
        .containsExactly(new Issue("tags", "must not be blank"));
  }

  @Test
  void namesTheUnsupportedTypeWhereItWasFound() {
    record Contravariant(List<? super Item> items) {}
    record Paged(List<String>[] pages) {}
    assertThatThrownBy(() -> Derivation.plan(Contravariant.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Schema.of(Contravariant): unsupported type ? super "
            + Item.class.getName() + " in Contravariant.items");
    assertThatThrownBy(() -> Derivation.plan(Paged.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Schema.of(Paged): unsupported type List<String>[] in Paged.pages");
  }
}
