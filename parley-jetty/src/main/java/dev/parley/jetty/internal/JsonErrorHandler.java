package dev.parley.jetty.internal;

import dev.parley.ErrorCode;
import dev.parley.ParleyException;
import dev.parley.server.ParleyResponse;
import dev.parley.server.ParleyServer;
import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own refusals (a malformed request line or header, a URI or headers too long, a bad
 * chunk, a request during shutdown) in Parley's JSON error envelope instead of Jetty's HTML page:
 * every answer a Parley server gives is the same shape, and none names a Java class. Jetty's 4xx
 * status stays (414, 431 …) with the nearest Parley code in the body; a server error Jetty gives
 * for a request it could not read is answered {@code 400}.
 */
final class JsonErrorHandler extends ErrorHandler {
  private final ParleyServer<?> server;

  JsonErrorHandler(ParleyServer<?> server) {
    this.server = server;
  }

  @Override
  protected void generateResponse(Request request, Response response, int status, String message,
      Throwable cause, Callback callback) {
    ParleyResponse answer = answer(status);
    response.setStatus(status >= 400 && status < 500 ? status : answer.status());
    HttpFields.Mutable headers = response.getHeaders();
    for (Map.Entry<String, String> h : answer.headers().entrySet()) {
      headers.put(h.getKey(), h.getValue());
    }
    byte[] body = answer.body();
    headers.put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  @Override
  public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
    ParleyResponse answer = answer(status);
    fields.put(HttpHeader.CONTENT_TYPE, "application/json");
    return ByteBuffer.wrap(answer.body());
  }

  /** Parley's answer for a refusal of Jetty's with {@code status}. */
  ParleyResponse answer(int status) {
    ErrorCode code = status >= 500 && status != 503 ? ErrorCode.BAD_REQUEST
        : ErrorCode.ofHttpStatus(status);
    return server.errorResponse(new ParleyException(code, message(status)));
  }

  private static String message(int status) {
    return switch (status) {
      case 408 -> "The request did not arrive in time";
      case 413 -> "The request is larger than the server accepts";
      case 414 -> "The request's URI is longer than the server accepts";
      case 431 -> "The request's headers are larger than the server accepts";
      case 503 -> "Server is shutting down";
      default -> "Malformed HTTP request";
    };
  }
}
