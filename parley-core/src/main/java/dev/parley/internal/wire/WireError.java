package dev.parley.internal.wire;

import dev.parley.ErrorCode;
import dev.parley.Issue;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * An error as tRPC's error envelope carries it: {@code {"error":{"message","code","data":{"code",
 * "httpStatus","path","issues","details","retryAfter"}}}}.
 *
 * @param code the error code, from {@code data.code}
 * @param message the message, safe to show
 * @param httpStatus the HTTP status, from {@code data.httpStatus}
 * @param path the procedure's name; {@code null} for an error of the whole request
 * @param issues validation issues, empty when none
 * @param details the error's data as JSON, {@code null} when none
 * @param retryAfter when to try again, {@code null} for no advice
 */
public record WireError(ErrorCode code, String message, int httpStatus, @Nullable String path,
    List<Issue> issues, @Nullable JsonNode details, @Nullable Duration retryAfter) {

  /** Checks the parts and copies the issues. */
  public WireError {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    issues = List.copyOf(issues);
  }

  /** {@code retryAfter} in whole seconds, rounded up; -1 when there is none. */
  public long retryAfterSeconds() {
    return retryAfter == null ? -1 : seconds(retryAfter);
  }

  /** {@code d} in whole seconds, rounded up. */
  static long seconds(Duration d) {
    return d.toSeconds() + (d.toNanosPart() > 0 ? 1 : 0);
  }
}
