package dev.parley.internal.schema;

/**
 * Builds the paths of {@link dev.parley.Issue issues}: {@code items[2].name} for record components
 * and list elements, {@code tags.key} for map keys that are identifiers and {@code tags["odd key"]}
 * for the others. The root is the empty path.
 */
public final class Paths {
  private Paths() {}

  /** {@code prefix.name}, or {@code prefix["name"]} when {@code name} is not an identifier. */
  public static String property(String prefix, String name) {
    if (!isIdentifier(name)) {
      return prefix + '[' + quote(name) + ']';
    }
    return prefix.isEmpty() ? name : prefix + '.' + name;
  }

  /** {@code prefix[index]}. */
  public static String index(String prefix, int index) {
    return prefix + '[' + index + ']';
  }

  /**
   * Orders paths as the parts of a value stand: character by character, except that list indices
   * compare as numbers, so that {@code items[2]} comes before {@code items[10]}.
   */
  public static int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      if (isIndexStart(a, i) && isIndexStart(b, j)) {
        int endA = digitsEnd(a, i);
        int endB = digitsEnd(b, j);
        int order = Integer.compare(endA - i, endB - j); // indices have no leading zeros
        for (int k = 0; order == 0 && k < endA - i; k++) {
          order = Character.compare(a.charAt(i + k), b.charAt(j + k));
        }
        if (order != 0) {
          return order;
        }
        i = endA;
        j = endB;
      } else if (a.charAt(i) != b.charAt(j)) {
        return Character.compare(a.charAt(i), b.charAt(j));
      } else {
        i++;
        j++;
      }
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  private static boolean isIndexStart(String path, int i) {
    return i > 0 && path.charAt(i - 1) == '[' && isDigit(path.charAt(i));
  }

  private static int digitsEnd(String path, int i) {
    while (i < path.length() && isDigit(path.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** Whether {@code name} can follow a dot: a letter, {@code _} or {@code $}, then also digits. */
  static boolean isIdentifier(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
      if (!letter && (i == 0 || c < '0' || c > '9')) {
        return false;
      }
    }
    return true;
  }

  private static String quote(String name) {
    StringBuilder b = new StringBuilder(name.length() + 2).append('"');
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
