package dev.parley.internal.schema;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One Jakarta constraint compiled for one declared type: tested the way Hibernate Validator's
 * built-in validator for that type tests it, and reported with the message Hibernate Validator
 * renders for it, rendered once. Testing allocates nothing, except the {@code Matcher} of {@link
 * Matches}.
 */
sealed interface Rule {

  /** Whether {@code value}, which may be {@code null}, satisfies the constraint. */
  boolean test(@Nullable Object value);

  /** The message of a value that does not. */
  String message();

  /** {@code @NotNull}. */
  record NotNull(String message) implements Rule {
    @Override
    public boolean test(@Nullable Object value) {
      return value != null;
    }
  }

  /** {@code @Null}. */
  record Null(String message) implements Rule {
    @Override
    public boolean test(@Nullable Object value) {
      return value == null;
    }
  }

  /** {@code @NotEmpty}: present, and its {@code measure} above zero. */
  record NotEmpty(Measure measure, String message) implements Rule {
    @Override
    public boolean test(@Nullable Object value) {
      return value != null && measure.of(value) > 0;
    }
  }

  /** {@code @NotBlank}: present, and not only whitespace ({@link String#isBlank()}). */
  record NotBlank(String message) implements Rule {
    @Override
    public boolean test(@Nullable Object value) {
      return value != null && !((CharSequence) value).toString().isBlank();
    }
  }

  /** {@code @Size}: absent, or its {@code measure} within {@code [min, max]}. */
  record Size(Measure measure, int min, int max, String message) implements Rule {
    @Override
    public boolean test(@Nullable Object value) {
      if (value == null) {
        return true;
      }
      int size = measure.of(value);
      return size >= min && size <= max;
    }
  }

  /**
   * {@code @Min}, {@code @Max} and the sign constraints on {@code byte}, {@code short}, {@code int}
   * and {@code long}, boxed or not.
   */
  record IntegralBound(long bound, Comparison comparison, String message) implements Rule {
    @Override
    public boolean test(@Nullable Object value) {
      return value == null || holds(((Number) value).longValue());
    }

    /** Whether a primitive value satisfies the constraint. */
    boolean holds(long value) {
      return comparison.holds(Long.compare(value, bound));
    }
  }

  /** {@code @Min}, {@code @Max} and the sign constraints on {@code BigDecimal}. */
  record DecimalBound(BigDecimal bound, Comparison comparison, String message) implements Rule {
    @Override
    public boolean test(@Nullable Object value) {
      return value == null || comparison.holds(((BigDecimal) value).compareTo(bound));
    }
  }

  /** {@code @Min}, {@code @Max} and the sign constraints on {@code BigInteger}. */
  record BigIntegerBound(BigInteger bound, Comparison comparison, String message) implements Rule {
    @Override
    public boolean test(@Nullable Object value) {
      return value == null || comparison.holds(((BigInteger) value).compareTo(bound));
    }
  }

  /** {@code @AssertTrue} ({@code expected} true) and {@code @AssertFalse}. */
  record Truth(boolean expected, String message) implements Rule {
    @Override
    public boolean test(@Nullable Object value) {
      return value == null || holds((Boolean) value);
    }

    /** Whether a primitive value satisfies the constraint. */
    boolean holds(boolean value) {
      return value == expected;
    }
  }

  /** {@code @Pattern}: absent, or entirely matched by {@code pattern}. */
  record Matches(Pattern pattern, String message) implements Rule {
    @Override
    public boolean test(@Nullable Object value) {
      return value == null || pattern.matcher((CharSequence) value).matches();
    }
  }
}
