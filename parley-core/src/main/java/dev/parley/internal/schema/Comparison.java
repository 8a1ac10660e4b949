package dev.parley.internal.schema;

/**
 * How a number must compare to a bound: {@code @Min} and {@code @PositiveOrZero} want it at least
 * the bound, {@code @Max} and {@code @NegativeOrZero} at most, {@code @Positive} above and {@code
 * @Negative} below it (their bound being zero).
 */
enum Comparison {
  AT_LEAST,
  AT_MOST,
  ABOVE,
  BELOW;

  /** Whether a value whose {@code compareTo} the bound returned {@code sign} satisfies this. */
  boolean holds(int sign) {
    return switch (this) {
      case AT_LEAST -> sign >= 0;
      case AT_MOST -> sign <= 0;
      case ABOVE -> sign > 0;
      case BELOW -> sign < 0;
    };
  }
}
