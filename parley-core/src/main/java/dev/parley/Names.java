package dev.parley;

import java.util.Objects;
import java.util.regex.Pattern;

/** The rule for descriptor names. */
final class Names {
  private static final Pattern NAME =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");
  private static final int MAX_LENGTH = 200;

  private Names() {}

  static String check(String name) {
    Objects.requireNonNull(name, "name");
    if (name.length() > MAX_LENGTH || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "descriptor name: \"" + name + "\" (expected: dotted segments of letters, digits and _,"
              + " each starting with a letter or _, at most " + MAX_LENGTH + " characters,"
              + " e.g. todos.list)");
    }
    return name;
  }
}
