package dev.parley.internal.schema;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.Schema;
import dev.parley.Variant;
import java.util.List;
import org.junit.jupiter.api.Test;

class UnionRefusalTest {
  sealed interface WithClass permits Fine, Blob {}

  record Fine() implements WithClass, WithEnum, WithOpen {}

  static final class Blob implements WithClass {}

  sealed interface WithEnum permits Fine, Kind {}

  enum Kind implements WithEnum { ONE }

  sealed interface WithOpen permits Fine, Open {}

  non-sealed interface Open extends WithOpen {}

  sealed interface Nested permits Fine2, Inner {}

  record Fine2() implements Nested {}

  sealed interface Inner extends Nested permits Stray {}

  static final class Stray implements Inner {}

  sealed interface Twice permits Round, Circle {}

  @Variant("circle")
  record Round(double r) implements Twice {}

  @Variant("circle")
  record Circle(double radius) implements Twice {}

  sealed interface Clash permits Typed {}

  record Typed(String type, int size) implements Clash {}

  sealed interface Blank permits Unnamed {}

  @Variant(" ")
  record Unnamed() implements Blank {}

  record Holder(List<WithClass> shapes) {}

  @Test
  void refusesAClassAmongTheVariants() {
    assertThatThrownBy(() -> Schema.of(WithClass.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Schema.of(WithClass): unsupported variant Blob of WithClass: a class"
            + " (expected a record or a sealed interface)");
  }

  @Test
  void namesWhereTheRefusedUnionWasFound() {
    assertThatThrownBy(() -> Schema.of(Holder.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Schema.of(Holder): unsupported variant Blob of WithClass: a class"
            + " (expected a record or a sealed interface), in Holder.shapes");
  }

  @Test
  void refusesAnEnumAmongTheVariants() {
    assertThatThrownBy(() -> Schema.of(WithEnum.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Schema.of(WithEnum): unsupported variant Kind of WithEnum: an enum"
            + " (expected a record or a sealed interface)");
  }

  @Test
  void refusesANonSealedInterfaceAmongTheVariants() {
    assertThatThrownBy(() -> Schema.listOf(WithOpen.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Schema.of(List<WithOpen>): unsupported variant Open of WithOpen:"
            + " a non-sealed interface (expected a record or a sealed interface)");
  }

  @Test
  void refusesAClassInsideANestedSealedInterface() {
    assertThatThrownBy(() -> Schema.of(Nested.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Schema.of(Nested): unsupported variant Stray of Inner: a class");
  }

  @Test
  void refusesTwoVariantsOfOneName() {
    assertThatThrownBy(() -> Schema.of(Twice.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Schema.of(Twice): variants Round and Circle of Twice are both named"
            + " \"circle\"");
  }

  @Test
  void refusesAVariantWithAComponentNamedType() {
    String message = "variant Typed of Clash has a component named type, which would clash with"
        + " the discriminator";
    assertThatThrownBy(() -> Schema.of(Clash.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Schema.of(Clash): " + message);
    assertThatThrownBy(() -> Schema.of(Typed.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Schema.of(Typed): " + message);
  }

  @Test
  void refusesABlankVariantName() {
    assertThatThrownBy(() -> Schema.of(Blank.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Schema.of(Blank): variant Unnamed of Blank has a blank @Variant name");
  }
}
