package dev.parley;

import java.io.Serial;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The one exception of Parley's calls: a {@link ErrorCode code}, a message that is safe to send to
 * the caller, the validation {@link Issue issues} when there are any, and optional data.
 *
 * <p>A handler throws it to answer with a code ({@code throw new ParleyException(NOT_FOUND, "no
 * todo 42")}); any other exception a handler throws becomes {@link ErrorCode#INTERNAL_SERVER_ERROR}
 * with a generic message, its details logged on the server and never sent.
 */
public class ParleyException extends RuntimeException {
  @Serial private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final List<Issue> issues;
  private final transient @Nullable Object data;
  private final @Nullable Duration retryAfter;

  /** An exception with a code and a message that is safe to show the caller. */
  public ParleyException(ErrorCode code, String message) {
    this(code, message, List.of(), null, null);
  }

  /** An exception with a code, a message, and the exception that caused it (never sent). */
  public ParleyException(ErrorCode code, String message, @Nullable Throwable cause) {
    this(code, message, List.of(), null, cause);
  }

  /**
   * The full form.
   *
   * @param code the error code
   * @param message a message that is safe to show the caller
   * @param issues validation issues, empty when none
   * @param data optional data sent with the error, encoded as JSON; must be safe to show
   * @param cause the exception that caused this one, logged but never sent
   */
  public ParleyException(
      ErrorCode code,
      String message,
      List<Issue> issues,
      @Nullable Object data,
      @Nullable Throwable cause) {
    this(code, message, issues, data, cause, null);
  }

  /**
   * The full form with a retry delay, for errors such as {@link ErrorCode#TOO_MANY_REQUESTS} or
   * {@link ErrorCode#SERVICE_UNAVAILABLE} that tell the caller when to try again; over HTTP it is
   * sent as a {@code Retry-After} header and as {@code error.data.retryAfter}, in whole seconds
   * rounded up.
   *
   * @param retryAfter how long the caller should wait, {@code null} for no advice
   * @throws IllegalArgumentException when {@code retryAfter} is negative
   */
  public ParleyException(ErrorCode code, String message, List<Issue> issues,
      @Nullable Object data, @Nullable Throwable cause, @Nullable Duration retryAfter) {
    super(Objects.requireNonNull(message, "message"), cause);
    this.code = Objects.requireNonNull(code, "code");
    this.issues = List.copyOf(issues);
    this.data = data;
    if (retryAfter != null && retryAfter.isNegative()) {
      throw new IllegalArgumentException("retryAfter: " + retryAfter + " (expected: >= 0)");
    }
    this.retryAfter = retryAfter;
  }

  /**
   * A {@link ErrorCode#TOO_MANY_REQUESTS} that says when to try again: over HTTP its answer carries
   * a {@code Retry-After} header of {@code retryAfter} in whole seconds, rounded up.
   *
   * @throws IllegalArgumentException when {@code retryAfter} is negative
   */
  public static ParleyException tooManyRequests(String message, Duration retryAfter) {
    Objects.requireNonNull(retryAfter, "retryAfter");
    return new ParleyException(
        ErrorCode.TOO_MANY_REQUESTS, message, List.of(), null, null, retryAfter);
  }

  /** A {@link ErrorCode#BAD_REQUEST} listing every issue of a value that failed its schema. */
  public static ParleyException invalid(String what, List<Issue> issues) {
    String summary = issues.isEmpty() ? what + " is invalid" : what + " is invalid: " + issues.get(0)
        + (issues.size() > 1 ? " (and " + (issues.size() - 1) + " more)" : "");
    return new ParleyException(ErrorCode.BAD_REQUEST, summary, issues, null, null);
  }

  /** The error code. */
  public ErrorCode code() {
    return code;
  }

  /** The validation issues, empty when the error is not about validation. */
  public List<Issue> issues() {
    return issues;
  }

  /** How long the caller should wait before trying again, when the error says so. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** The optional data sent with the error. */
  public Optional<Object> data() {
    return Optional.ofNullable(data);
  }
}
