package dev.parley.internal.schema;

import jakarta.validation.constraints.AssertFalse;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Negative;
import jakarta.validation.constraints.NegativeOrZero;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Null;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import jakarta.validation.groups.Default;
import jakarta.validation.metadata.ConstraintDescriptor;
import jakarta.validation.metadata.ValidateUnwrappedValue;
import java.lang.annotation.Annotation;
import java.lang.invoke.MethodType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * Compiles one constraint, as Hibernate Validator describes it, into a {@link Rule} for the type
 * it is declared on, or refuses to. Only built-in constraints in their plain form compile: the
 * default message and group, no payload, checked by Hibernate Validator's own validators, on a
 * type whose validator Parley mirrors, with a message that needs no expression language.
 */
final class RuleCompiler {
  /** The package of Hibernate Validator's built-in validators. */
  private static final String BUILT_IN_VALIDATORS =
      "org.hibernate.validator.internal.constraintvalidators.";

  /** How an expression-language term starts; the parameter interpolator leaves it as is. */
  private static final String EXPRESSION = "${";

  /** The bound of the sign constraints ({@code @Positive} and the like). */
  private static final long ZERO = 0;

  /** The message parameter {@code @Pattern}'s validator adds. */
  private static final String REGEXP = "regexp";

  /** The characters a message parameter escapes with a backslash, as Hibernate Validator does. */
  private static final String ESCAPED = "\\{}$";

  private static final char ESCAPE = '\\';

  private static final Set<Class<?>> INTEGRAL =
      Set.of(Byte.class, Short.class, Integer.class, Long.class);

  private RuleCompiler() {}

  /**
   * The rule of {@code constraint}, declared on {@code record} for a value of type {@code
   * declared}, or {@code null} when it does not compile.
   */
  static @Nullable Rule compile(ConstraintDescriptor<?> constraint, Class<?> declared,
      Class<?> record) {
    if (!isPlain(constraint)) {
      return null;
    }
    Class<?> type = MethodType.methodType(declared).wrap().returnType();
    Measure measure = Measure.of(type);
    Annotation annotation = constraint.getAnnotation();
    return switch (annotation) {
      case NotNull n when type != Optional.class -> rule(constraint, record, Rule.NotNull::new);
      case Null n when type != Optional.class -> rule(constraint, record, Rule.Null::new);
      case NotEmpty n when measure != null ->
          rule(constraint, record, m -> new Rule.NotEmpty(measure, m));
      case NotBlank n when type == String.class -> rule(constraint, record, Rule.NotBlank::new);
      case Size s when measure != null && s.min() >= 0 && s.max() >= s.min() ->
          rule(constraint, record, m -> new Rule.Size(measure, s.min(), s.max(), m));
      case Min m -> bound(constraint, record, type, m.value(), Comparison.AT_LEAST);
      case Max m -> bound(constraint, record, type, m.value(), Comparison.AT_MOST);
      case Positive p -> bound(constraint, record, type, ZERO, Comparison.ABOVE);
      case PositiveOrZero p -> bound(constraint, record, type, ZERO, Comparison.AT_LEAST);
      case Negative n -> bound(constraint, record, type, ZERO, Comparison.BELOW);
      case NegativeOrZero n -> bound(constraint, record, type, ZERO, Comparison.AT_MOST);
      case AssertTrue t when type == Boolean.class ->
          rule(constraint, record, m -> new Rule.Truth(true, m));
      case AssertFalse f when type == Boolean.class ->
          rule(constraint, record, m -> new Rule.Truth(false, m));
      case Pattern p when type == String.class -> matches(constraint, record, p);
      default -> null;
    };
  }

  /** Whether {@code constraint} is used as declared, with nothing Parley does not reproduce. */
  private static boolean isPlain(ConstraintDescriptor<?> constraint) {
    Class<? extends Annotation> type = constraint.getAnnotation().annotationType();
    List<? extends Class<?>> validators = constraint.getConstraintValidatorClasses();
    return constraint.getGroups().equals(Set.of(Default.class))
        && constraint.getPayload().isEmpty()
        && constraint.getComposingConstraints().isEmpty()
        && constraint.getValueUnwrapping() == ValidateUnwrappedValue.DEFAULT
        && constraint.getMessageTemplate().equals("{" + type.getName() + ".message}")
        && !validators.isEmpty()
        && validators.stream().allMatch(v -> v.getName().startsWith(BUILT_IN_VALIDATORS));
  }

  private static @Nullable Rule bound(ConstraintDescriptor<?> constraint, Class<?> record,
      Class<?> type, long bound, Comparison comparison) {
    if (INTEGRAL.contains(type)) {
      return rule(constraint, record, m -> new Rule.IntegralBound(bound, comparison, m));
    }
    if (type == BigDecimal.class) {
      BigDecimal decimal = BigDecimal.valueOf(bound);
      return rule(constraint, record, m -> new Rule.DecimalBound(decimal, comparison, m));
    }
    if (type == BigInteger.class) {
      BigInteger integer = BigInteger.valueOf(bound);
      return rule(constraint, record, m -> new Rule.BigIntegerBound(integer, comparison, m));
    }
    return null;
  }

  private static @Nullable Rule matches(
      ConstraintDescriptor<?> constraint, Class<?> record, Pattern pattern) {
    int flags = 0;
    for (Pattern.Flag f : pattern.flags()) {
      flags |= f.getValue();
    }
    java.util.regex.Pattern compiled;
    try {
      compiled = java.util.regex.Pattern.compile(pattern.regexp(), flags);
    } catch (PatternSyntaxException e) {
      return null; // Hibernate Validator reports it, at validation
    }
    String message = message(constraint, record, Map.of(REGEXP, escape(pattern.regexp())));
    return message == null ? null : new Rule.Matches(compiled, message);
  }

  private static @Nullable Rule rule(
      ConstraintDescriptor<?> constraint, Class<?> record, Function<String, Rule> withMessage) {
    String message = message(constraint, record, Map.of());
    return message == null ? null : withMessage.apply(message);
  }

  /** The rendered message, or {@code null} when it holds an expression, unsupported here. */
  private static @Nullable String message(
      ConstraintDescriptor<?> constraint, Class<?> record, Map<String, Object> parameters) {
    String message = BeanValidation.message(constraint, record, parameters);
    return message.contains(EXPRESSION) ? null : message;
  }

  /** {@code value} with a backslash before each backslash, brace and dollar sign. */
  static String escape(String value) {
    StringBuilder b = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (ESCAPED.indexOf(c) >= 0) {
        b.append(ESCAPE);
      }
      b.append(c);
    }
    return b.toString();
  }
}
