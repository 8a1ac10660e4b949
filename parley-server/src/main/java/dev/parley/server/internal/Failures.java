package dev.parley.server.internal;

import dev.parley.ErrorCode;
import dev.parley.ParleyException;
import java.time.Duration;
import org.slf4j.Logger;

/** The server's errors: their Parley form, and the ones it makes itself. */
public final class Failures {
  /** The server's logger. */
  public static final Logger LOG = ServerLog.get("dev.parley.server");
  private static final String INTERNAL_MESSAGE = "Internal server error";

  private Failures() {}

  /** The Parley form of a failure: its own if it has one, else a logged internal error. */
  public static ParleyException of(Throwable t, String name) {
    if (t instanceof ParleyException pe) {
      if (pe.code() == ErrorCode.INTERNAL_SERVER_ERROR && pe.getCause() != null) {
        LOG.error("{} failed", name, pe.getCause());
      }
      return pe;
    }
    LOG.error("{} failed", name, t);
    return internal();
  }

  /** An internal error with the generic message; the details are logged where they happen. */
  public static ParleyException internal() {
    return new ParleyException(ErrorCode.INTERNAL_SERVER_ERROR, INTERNAL_MESSAGE);
  }

  /** The NOT_FOUND of an unknown procedure, worded as tRPC words it. */
  public static ParleyException notFound(String name) {
    return new ParleyException(ErrorCode.NOT_FOUND, "No procedure found on path \"" + name + "\"");
  }

  /** The TIMEOUT of a call that outlived its deadline of {@code nanos}. */
  static ParleyException timeout(String name, long nanos) {
    return new ParleyException(ErrorCode.TIMEOUT,
        "\"" + name + "\" did not finish within " + Duration.ofNanos(nanos).toMillis() + " ms");
  }

  /** The answer of a call whose caller went away. */
  public static ParleyException gone(String name) {
    return new ParleyException(ErrorCode.CLIENT_CLOSED_REQUEST,
        "\"" + name + "\" was cancelled: the caller went away");
  }

  /** The refusal of every call while the server shuts down. */
  public static ParleyException shuttingDown() {
    return new ParleyException(ErrorCode.SERVICE_UNAVAILABLE, "Server is shutting down");
  }
}
