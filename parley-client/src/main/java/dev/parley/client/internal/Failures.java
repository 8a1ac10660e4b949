package dev.parley.client.internal;

import dev.parley.ErrorCode;
import dev.parley.ParleyException;
import dev.parley.client.ParleyClientException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Making, translating and rethrowing the client's exceptions. */
public final class Failures {
  private Failures() {}

  /** The exception of a call made after {@code close()}, or cut short by it. */
  public static ParleyClientException closed(String name) {
    return new ParleyClientException(
        ErrorCode.CLIENT_CLOSED_REQUEST, name + ": the client is closed", 0, null);
  }

  /** A client-side timeout of the call to {@code name}. */
  static ParleyClientException timeout(String name, long timeoutNanos) {
    return new ParleyClientException(ErrorCode.TIMEOUT,
        name + ": no answer within " + Duration.ofNanos(timeoutNanos)
            + " (client-side timeout)", 0, null);
  }

  /** A server-side exception seen in process, as the client's; status 0, the original as cause. */
  static ParleyClientException of(ParleyException e) {
    if (e instanceof ParleyClientException client) {
      return client;
    }
    return new ParleyClientException(e.code(), messageOf(e), 0, e.issues(), e.data().orElse(null),
        e, e.retryAfter().orElse(null));
  }

  /** Any failure of a call, as the client's exception. */
  static ParleyClientException of(Throwable t, String name) {
    Throwable cause = unwrap(t);
    if (cause instanceof ParleyException e) {
      return of(e);
    }
    if (cause instanceof CancellationException) {
      return new ParleyClientException(
          ErrorCode.CLIENT_CLOSED_REQUEST, name + ": cancelled", 0, cause);
    }
    return new ParleyClientException(ErrorCode.INTERNAL_SERVER_ERROR,
        name + ": unexpected client failure (" + cause.getClass().getName() + ")", 0, cause);
  }

  /**
   * Waits for {@code future} in a blocking call and returns its value, or throws its failure as a
   * fresh {@link ParleyClientException} whose stack trace is the caller's. An interrupt cancels the
   * future, keeps the interrupt flag and throws CLIENT_CLOSED_REQUEST.
   */
  static <T> T await(CompletableFuture<T> future, String name) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      throw rethrown(of(e.getCause(), name));
    } catch (CancellationException e) {
      throw of(e, name);
    } catch (InterruptedException e) {
      future.cancel(true);
      Thread.currentThread().interrupt();
      throw new ParleyClientException(
          ErrorCode.CLIENT_CLOSED_REQUEST, name + ": interrupted while waiting", 0, e);
    }
  }

  private static ParleyClientException rethrown(ParleyClientException e) {
    return new ParleyClientException(e.code(), e.getMessage(), e.httpStatus(), e.issues(),
        e.data().orElse(null), e.getCause(), e.retryAfter().orElse(null));
  }

  private static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof CompletionException || c instanceof ExecutionException)
        && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }

  private static String messageOf(ParleyException e) {
    String m = e.getMessage();
    return m == null ? e.code().name() : m;
  }
}
