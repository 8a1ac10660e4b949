package dev.parley.internal.wire;

import java.util.ArrayList;
import java.util.List;

/**
 * The one definition of when two resource names overlap, shared by the server (which pushes
 * invalidations to the connections whose watched names overlap a mutation's) and the Java client
 * (which refetches the listened queries whose resources overlap). The web page's {@code app.js}
 * repeats these few lines in JavaScript.
 *
 * <p>A name is exact ({@code todos}, {@code todo/3}) or a pattern: a name that ends in {@code /*}
 * ({@code todo/*}) stands for every name below {@code todo/}: {@code todo/3}, {@code todo/x/y},
 * and the patterns below it ({@code todo/x/*}), but neither {@code todo} nor {@code todos}. Two
 * names overlap when some exact name is both: two exact names when they are equal, an exact name
 * and a pattern when the name is below the pattern's prefix, two patterns when one's prefix starts
 * with the other's. Overlap is symmetric, so a mutation may declare a pattern too ({@code todo/*}:
 * every todo changed).
 */
public final class ResourceNames {
  /** The end of a pattern. */
  public static final String WILDCARD = "/*";

  private ResourceNames() {}

  /** Whether {@code name} is a pattern: it ends in {@code /*}. */
  public static boolean isPattern(String name) {
    return name.endsWith(WILDCARD);
  }

  /**
   * The prefix a pattern stands for, with its slash: {@code todo/} for {@code todo/*}.
   *
   * @throws IllegalArgumentException when {@code pattern} is not one
   */
  public static String prefix(String pattern) {
    if (!isPattern(pattern)) {
      throw new IllegalArgumentException(pattern + " is not a pattern (expected: ending in /*)");
    }
    return pattern.substring(0, pattern.length() - 1);
  }

  /** Whether {@code a} and {@code b} overlap (see the class comment); symmetric. */
  public static boolean overlap(String a, String b) {
    boolean pa = isPattern(a);
    boolean pb = isPattern(b);
    if (!pa && !pb) {
      return a.equals(b);
    }
    if (pa && pb) {
      String x = prefix(a);
      String y = prefix(b);
      return x.startsWith(y) || y.startsWith(x);
    }
    String pattern = pa ? a : b;
    String exact = pa ? b : a;
    String p = prefix(pattern);
    return exact.length() > p.length() && exact.startsWith(p);
  }

  /** Whether some name of {@code a} overlaps some name of {@code b}. */
  public static boolean overlapAny(Iterable<String> a, Iterable<String> b) {
    for (String x : a) {
      for (String y : b) {
        if (overlap(x, y)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The prefixes of the patterns that cover the exact name {@code name}, shortest first: for
   * {@code todo/x/y}, {@code todo/} and {@code todo/x/}. A watch index looks these up instead of
   * testing every pattern it holds.
   */
  public static List<String> coveringPrefixes(String name) {
    List<String> prefixes = new ArrayList<>(2);
    int slash = name.indexOf('/');
    while (slash >= 0 && slash < name.length() - 1) {
      prefixes.add(name.substring(0, slash + 1));
      slash = name.indexOf('/', slash + 1);
    }
    return prefixes;
  }
}
