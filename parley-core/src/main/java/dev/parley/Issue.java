package dev.parley;

import java.util.Objects;

/**
 * One reason why a value failed its schema.
 *
 * @param path where in the value, e.g. {@code items[2].name}; empty for the value itself
 * @param message what is wrong, safe to show to the caller, e.g. {@code size must be between 1 and
 *     200}
 */
public record Issue(String path, String message) {
  /** Checks that both parts are present. */
  public Issue {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
  }

  /** This issue with {@code prefix} put in front of its path, joined by a dot or brackets. */
  public Issue under(String prefix) {
    if (prefix.isEmpty()) {
      return this;
    }
    if (path.isEmpty()) {
      return new Issue(prefix, message);
    }
    return new Issue(path.startsWith("[") ? prefix + path : prefix + "." + path, message);
  }

  @Override
  public String toString() {
    return path.isEmpty() ? message : path + ": " + message;
  }
}
