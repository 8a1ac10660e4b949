package dev.parley.internal.schema;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Issue;
import dev.parley.Schema;
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
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The compiled constraints against Hibernate Validator itself: the same values, validated both
 * ways, must give the same issues (same paths, same messages, same order, as the schema reports
 * them, without duplicates) and the same verdict.
 */
class CompiledConstraintsTest {
  private static final List<@Nullable String> STRINGS = Arrays.asList(null, "", " ", "\t\n",
      "\u2003", "\u00a0", "\u001f", "a", "ab", "abc", "abcd", "abcde", "ab12", "abc12", "ABC", "aBc",
      "\uD83D\uDE00", "\uD83D\uDE00\uD83D\uDE00\uD83D\uDE00", " x ", "{x}", "${x}", "a\\b");

  private static final List<@Nullable Long> LONGS = Arrays.asList(null, Long.MIN_VALUE,
      (long) Integer.MIN_VALUE, -129L, -128L, -6L, -5L, -4L, -3L, -2L, -1L, 0L, 1L, 2L, 5L, 6L, 9L,
      10L, 11L, 20L, 21L, 100L, 101L, 127L, 128L, (long) Integer.MAX_VALUE, Long.MAX_VALUE);

  private static final List<@Nullable BigDecimal> DECIMALS = Arrays.asList(null,
      new BigDecimal("0"), new BigDecimal("0.0"), new BigDecimal("-0.00"), new BigDecimal("0.0001"),
      new BigDecimal("-0.0001"), new BigDecimal("1.9999"), new BigDecimal("2"),
      new BigDecimal("2.000"), new BigDecimal("3"), new BigDecimal("3.0000"),
      new BigDecimal("3.0000000001"), new BigDecimal("1E+1"), new BigDecimal("-1E+400"),
      new BigDecimal("1E-400"), new BigDecimal("123456789012345678901234567890.5"));

  record Strings(@NotNull String notNull, @Null String mustBeNull, @NotEmpty String notEmpty,
      @NotBlank String notBlank, @Size(min = 2, max = 4) String sized,
      @Size(min = 1) @Size(max = 3) String repeated, @Pattern(regexp = "[a-z]+\\d{2}") String digits,
      @Pattern(regexp = "abc", flags = Pattern.Flag.CASE_INSENSITIVE) String flagged,
      @Pattern(regexp = "^\\{x\\}$|\\$\\{x\\}|a\\\\b|\\d{1,2}") String escaped,
      @NotBlank @Size(max = 3) @Pattern(regexp = "\\S*") String all) {
    Strings(@Nullable String s) {
      this(s, s, s, s, s, s, s, s, s, s);
    }
  }

  record Integers(@Min(-3) @Max(5) int i, @Positive long l, @PositiveOrZero short s,
      @Negative byte b, @NegativeOrZero @NotNull Integer boxed, @Min(10) @Max(20) Long boxedLong,
      @Min(Long.MIN_VALUE) @Max(Long.MAX_VALUE) long extremes, @Max(-129) Short boxedShort,
      @Min(-128) Byte boxedByte) {
    Integers(long v, @Nullable Long boxed) {
      this((int) v, v, (short) v, (byte) v, boxed == null ? null : (int) (long) boxed, boxed, v,
          boxed == null ? null : (short) (long) boxed, boxed == null ? null : (byte) (long) boxed);
    }
  }

  record Decimals(@Positive BigDecimal positive, @PositiveOrZero BigDecimal positiveOrZero,
      @Negative BigDecimal negative, @NegativeOrZero BigDecimal negativeOrZero,
      @Min(2) @Max(3) BigDecimal range, @Positive @Max(100) BigInteger big,
      @Negative @Min(-5) BigInteger small) {
    Decimals(@Nullable BigDecimal d) {
      this(d, d, d, d, d, d == null ? null : d.toBigInteger(),
          d == null ? null : d.toBigInteger());
    }
  }

  record Flags(@AssertTrue boolean yes, @AssertFalse boolean no, @AssertTrue Boolean boxedYes,
      @AssertFalse Boolean boxedNo, @NotNull @AssertTrue Boolean present) {}

  record Containers(@NotEmpty @Size(max = 2) List<@NotBlank @Size(max = 3) String> list,
      @NotEmpty Set<@NotNull @Pattern(regexp = "[a-z]*") String> set,
      @Size(min = 1) Collection<@NotEmpty String> collection,
      @NotEmpty @Size(max = 2) Map<String, @NotBlank String> map,
      List<@Positive @NotNull Integer> ints, Map<String, @Min(1) Long> counts) {}

  @Test
  void reportsWhatHibernateValidatorReportsForStrings() {
    for (String s : STRINGS) {
      assertSameAsHibernate(new Strings(s));
    }
  }

  @Test
  void reportsWhatHibernateValidatorReportsForIntegers() {
    for (Long v : LONGS) {
      for (Long boxed : LONGS) {
        assertSameAsHibernate(new Integers(v == null ? 0 : v, boxed));
      }
    }
  }

  @Test
  void reportsWhatHibernateValidatorReportsForDecimals() {
    for (BigDecimal d : DECIMALS) {
      assertSameAsHibernate(new Decimals(d));
    }
  }

  @Test
  void reportsWhatHibernateValidatorReportsForBooleans() {
    for (boolean yes : new boolean[] {true, false}) {
      for (Boolean boxed : Arrays.asList(null, true, false)) {
        assertSameAsHibernate(new Flags(yes, !yes, boxed, boxed, boxed));
      }
    }
  }

  @Test
  void reportsWhatHibernateValidatorReportsForContainerElements() {
    Map<String, @Nullable String> map = new LinkedHashMap<>();
    map.put("k", " ");
    map.put("odd key", null);
    map.put("fine", "x");
    map.put(null, "");
    Map<String, @Nullable Long> counts = new HashMap<>();
    counts.put("zero", 0L);
    counts.put("gone", null);
    counts.put("one", 1L);
    Set<@Nullable String> set = new LinkedHashSet<>(Arrays.asList("ok", null, "NO", "1"));
    List<@Nullable String> list = Arrays.asList("a", null, " ", "abcd", "");
    assertSameAsHibernate(new Containers(list, set, new ArrayList<>(list), map,
        Arrays.asList(1, null, 0, -1), counts));
    assertSameAsHibernate(new Containers(new LinkedList<>(list), Set.of(), new HashSet2<>(list),
        Map.of(), List.of(), Map.of()));
    assertSameAsHibernate(new Containers(List.of("a"), Set.of("a"), List.of("a"), Map.of("k", "v"),
        List.of(1), Map.of("k", 1L)));
    assertSameAsHibernate(new Containers(null, null, null, null, null, null));
  }

  @Test
  void readsTheFieldLikeHibernateValidatorNotTheAccessor() {
    record Trimmed(@NotBlank String text) {
      @Override
      public String text() {
        return "ok";
      }
    }
    assertSameAsHibernate(new Trimmed(" "));
    assertThat(Schema.of(Trimmed.class).validate(new Trimmed(" ")))
        .containsExactly(new Issue("text", "must not be blank"));
  }

  @Test
  void reportsConstraintIssuesAfterRequiredOnesAtNestedPaths() {
    record Inner(@NotNull @Size(max = 2) String code, @Positive int rank) {}
    record Outer(String name, List<Inner> inners) {}
    Schema<Outer> schema = Schema.of(Outer.class);
    assertThat(schema.validate(new Outer(null, List.of(new Inner("ok", 1), new Inner(null, 0),
        new Inner("long", -1)))))
        .containsExactly(
            new Issue("name", "is required"),
            new Issue("inners[1].code", "is required"),
            new Issue("inners[1].code", "must not be null"),
            new Issue("inners[1].rank", "must be greater than 0"),
            new Issue("inners[2].code", "size must be between 0 and 2"),
            new Issue("inners[2].rank", "must be greater than 0"));
  }

  @Test
  void checksValidRecordsWithoutAllocation() {
    record Echo(@NotNull @Size(max = 1000) String text, @Positive int rank,
        List<@NotBlank String> tags, @AssertTrue boolean ok, @Min(1) BigDecimal price) {}
    Schema<Echo> schema = Schema.of(Echo.class);
    Echo echo = new Echo("hi", 1000, List.of("a", "b"), true, BigDecimal.TEN);
    assertThat(ConstraintCompiler.of(Echo.class)).isInstanceOf(CompiledConstraints.class);
    int calls = 10_000;
    for (int i = 0; i < calls; i++) {
      assertThat(schema.validate(echo)).isSameAs(List.of());
    }
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    int found = 0;
    for (int i = 0; i < calls; i++) {
      found += schema.validate(echo).size();
    }
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertThat(found).isZero();
    assertThat(allocated).as("bytes allocated by %s valid calls", calls).isLessThan(calls);
  }

  /** Compiled and Hibernate's issues of {@code value} at a nested path, as the schema keeps them. */
  private static void assertSameAsHibernate(Object value) {
    Constraints compiled = ConstraintCompiler.of(value.getClass());
    assertThat(compiled).isInstanceOf(CompiledConstraints.class);
    for (String path : List.of("", "items[3]")) {
      List<Issue> ours = new ArrayList<>();
      compiled.collect(value, path, ours);
      List<Issue> theirs = new ArrayList<>();
      Constraints.Hibernate.INSTANCE.collect(value, path, theirs);
      assertThat(distinct(ours)).as("%s", value).isEqualTo(distinct(theirs));
    }
    assertThat(compiled.valid(value)).as("%s", value)
        .isEqualTo(Constraints.Hibernate.INSTANCE.valid(value));
  }

  private static List<Issue> distinct(List<Issue> issues) {
    return List.copyOf(new LinkedHashSet<>(issues));
  }

  /** A collection that is neither a list nor a set. */
  private static final class HashSet2<E> extends java.util.AbstractCollection<E> {
    private final List<E> elements;

    HashSet2(List<E> elements) {
      this.elements = new ArrayList<>(elements);
    }

    @Override
    public java.util.Iterator<E> iterator() {
      return elements.iterator();
    }

    @Override
    public int size() {
      return elements.size();
    }
  }
}
