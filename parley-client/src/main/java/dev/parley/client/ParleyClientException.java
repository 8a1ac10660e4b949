package dev.parley.client;

import dev.parley.ErrorCode;
import dev.parley.Issue;
import dev.parley.ParleyException;
import dev.parley.internal.json.JsonCodec;
import java.io.Serial;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The failure of a call made with a {@link ParleyClient}: the {@link #code() code}, message,
 * validation {@link #issues() issues} and optional {@link #data() data} that the server answered
 * with, plus the HTTP status it came with.
 *
 * <p>Every way a call can fail ends here, so {@code catch (ParleyClientException e)} and a {@code
 * switch} on {@link #code()} cover them all:
 *
 * <ul>
 *   <li>an error the server answered: its code ({@code error.data.code} on the wire), message,
 *       issues ({@code error.data.issues}), data ({@code error.data.details}), the status, and
 *       when to try again ({@link #retryAfter()}, from {@code error.data.retryAfter} or the {@code
 *       Retry-After} header);
 *   <li>an HTTP answer with no tRPC error in it (a proxy's 502 page): the code of its status by
 *       {@link ErrorCode#ofHttpStatus(int)};
 *   <li>a successful answer whose output does not fit the procedure's output schema, or that is not
 *       tRPC JSON at all: {@link ErrorCode#INTERNAL_SERVER_ERROR} (a server and client that disagree
 *       on the contract), with the schema's issues;
 *   <li>no answer at all because the server cannot be reached (connection refused, reset, connect
 *       timeout): {@link ErrorCode#SERVICE_UNAVAILABLE}, status 0, the I/O exception as the cause;
 *   <li>the client's per-call timeout expired: {@link ErrorCode#TIMEOUT}, status 0;
 *   <li>the client was closed, or the waiting thread interrupted: {@link
 *       ErrorCode#CLIENT_CLOSED_REQUEST}, status 0.
 * </ul>
 *
 * <p>In-process calls have no HTTP: their status is always 0 and the server's own exception is
 * the cause.
 */
public final class ParleyClientException extends ParleyException {
  @Serial private static final long serialVersionUID = 1L;

  private final int httpStatus;

  /**
   * The full form.
   *
   * @param code the error code
   * @param message the message
   * @param httpStatus the HTTP status the error came with; 0 when there was no HTTP answer
   * @param issues validation issues, empty when none
   * @param data the data the server sent with the error (a JSON tree over HTTP, the server's own
   *     object in process), or {@code null}
   * @param cause the underlying exception, or {@code null}
   */
  public ParleyClientException(
      ErrorCode code,
      String message,
      int httpStatus,
      List<Issue> issues,
      @Nullable Object data,
      @Nullable Throwable cause) {
    this(code, message, httpStatus, issues, data, cause, null);
  }

  /**
   * The full form with the server's advice on when to try again ({@code Retry-After}).
   *
   * @param retryAfter how long to wait before trying again, {@code null} when the server did not say
   */
  public ParleyClientException(
      ErrorCode code,
      String message,
      int httpStatus,
      List<Issue> issues,
      @Nullable Object data,
      @Nullable Throwable cause,
      @Nullable Duration retryAfter) {
    super(code, message, issues, data, cause, retryAfter);
    this.httpStatus = httpStatus;
  }

  /** An exception with no issues and no data. */
  public ParleyClientException(
      ErrorCode code, String message, int httpStatus, @Nullable Throwable cause) {
    this(code, message, httpStatus, List.of(), null, cause);
  }

  /**
   * The HTTP status of the answer that carried this error; for a batched call, the status of its
   * own entry ({@code error.data.httpStatus}). 0 when there was no HTTP answer: in-process calls,
   * unreachable servers, client-side timeouts and cancellations.
   */
  public int httpStatus() {
    return httpStatus;
  }

  /**
   * The data the server sent with the error, read as {@code type}: over HTTP the JSON of {@code
   * error.data.details} converted by Parley's codec, in process the server's object when it is a
   * {@code type}. Empty when there is none or it does not convert.
   */
  public <T> Optional<T> data(Class<T> type) {
    Objects.requireNonNull(type, "type");
    Object data = data().orElse(null);
    if (type.isInstance(data)) {
      return Optional.of(type.cast(data));
    }
    if (data instanceof JsonNode node) {
      return JsonCodec.standard().convert(node, type);
    }
    return Optional.empty();
  }

  @Override
  public String getMessage() {
    return Objects.requireNonNull(super.getMessage());
  }

  @Override
  public String toString() {
    return "ParleyClientException[" + code() + (httpStatus == 0 ? "" : ", HTTP " + httpStatus)
        + "]: " + getMessage();
  }
}
