package dev.parley.internal.schema;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Issue;
import dev.parley.Schema;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.GroupSequence;
import jakarta.validation.Payload;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Which records Parley checks itself: only those whose every constraint compiles; any other
 * record is left whole to Hibernate Validator, and reports what it always did.
 */
class ConstraintCompilerTest {
  record Plain(String text, int count) {}

  record Echo(@NotNull @Size(max = 1000) String text) {}

  record Tagged(List<@NotBlank String> tags, Map<String, @Positive Integer> scores) {}

  /** A constraint made of built-in ones. */
  @NotBlank
  @Size(max = 3)
  @Constraint(validatedBy = {})
  @Target(FIELD)
  @Retention(RUNTIME)
  @interface ShortText {
    String message() default "too long";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
  }

  /** A class-level constraint with its own validator. */
  @Constraint(validatedBy = Checked.Validator.class)
  @Target(TYPE)
  @Retention(RUNTIME)
  @interface Checked {
    String message() default "is not checked";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Accepts everything. */
    final class Validator implements ConstraintValidator<Checked, Object> {
      @Override
      public boolean isValid(Object value, ConstraintValidatorContext context) {
        return true;
      }
    }
  }

  interface Extra {}

  interface Severe extends Payload {}

  interface HasText {
    @NotNull
    default String getText() {
      return "x";
    }
  }

  record Composed(@ShortText String text) {}

  @Checked
  record ClassLevel(@NotBlank String text) {}

  record Grouped(@NotNull(groups = Extra.class) String text) {}

  record WithPayload(@NotNull(payload = Severe.class) String text) {}

  record OwnMessage(@NotNull(message = "needed") String text) {}

  record Mail(@NotBlank String name, @Email String mail) {}

  record Cascaded(@Valid Echo echo) {}

  record GetterNamed(@NotNull String getText) {}

  record Inherited(@NotBlank String text) implements HasText {}

  record Decimal(@DecimalMin("1") Long amount) {}

  record Optionals(Optional<@NotBlank String> note) {}

  record MapKeys(Map<@NotBlank String, String> map) {}

  record Nested(List<List<@NotBlank String>> rows) {}

  /** A constraint on a wildcard's bound, which Hibernate Validator does not count; Parley does. */
  record Covariant(@Size(max = 3) List<? extends @NotBlank String> tags) {}

  record Contravariant(@Size(max = 3) List<? super @NotBlank String> tags) {}

  record NegativeSize(@Size(min = -1) String text) {}

  record BadRegexp(@Pattern(regexp = "(") String text) {}

  record Doubles(@Min(1) double ratio) {}

  record Box<T>(@NotNull T value) {}

  @GroupSequence({Sequenced.class, Extra.class})
  record Sequenced(@NotBlank String text) {}

  @Test
  void leavesRecordsWithoutConstraintsUnchecked() {
    assertThat(ConstraintCompiler.of(Plain.class)).isSameAs(Constraints.None.INSTANCE);
  }

  @Test
  void compilesRecordsWithOnlyBuiltInConstraints() {
    assertThat(ConstraintCompiler.of(Echo.class)).isInstanceOf(CompiledConstraints.class);
    assertThat(ConstraintCompiler.of(Tagged.class)).isInstanceOf(CompiledConstraints.class);
    assertThat(Schema.of(Echo.class).validate(new Echo("x".repeat(1001))))
        .containsExactly(new Issue("text", "size must be between 0 and 1000"));
    assertThat(Schema.of(Tagged.class).validate(new Tagged(List.of("a", " "), Map.of("k", 0))))
        .containsExactly(new Issue("scores.k", "must be greater than 0"),
            new Issue("tags[1]", "must not be blank"));
  }

  @Test
  void leavesEveryOtherRecordToHibernateValidator() {
    for (Class<?> record : List.of(Composed.class, ClassLevel.class, Grouped.class,
        WithPayload.class, OwnMessage.class, Mail.class, Cascaded.class, GetterNamed.class,
        Inherited.class, Decimal.class, Optionals.class, MapKeys.class, Nested.class,
        NegativeSize.class, BadRegexp.class, Doubles.class, Box.class, Sequenced.class,
        Covariant.class, Contravariant.class)) {
      assertThat(ConstraintCompiler.of(record)).as(record.getSimpleName())
          .isSameAs(Constraints.Hibernate.INSTANCE);
    }
  }

  @Test
  void fallsBackForTheWholeRecord() {
    assertThat(Schema.of(Mail.class).validate(new Mail(" ", "not-an-email"))).containsExactly(
        new Issue("mail", "must be a well-formed email address"),
        new Issue("name", "must not be blank"));
    assertThat(Schema.of(OwnMessage.class).validate(new OwnMessage(null)))
        .containsExactly(new Issue("text", "is required"), new Issue("text", "needed"));
  }
}
