package dev.parley.server;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * The answer of {@link ParleyServer#handle(ParleyRequest)}, which the transport writes back as it
 * is.
 *
 * @param status the HTTP status
 * @param headers response headers (e.g. {@code content-type}, {@code retry-after})
 * @param body the response body
 */
public record ParleyResponse(int status, Map<String, String> headers, byte[] body) {

  /** Checks the parts and copies the headers. */
  public ParleyResponse {
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(body, "body");
    headers = Map.copyOf(headers);
  }

  /** The body as UTF-8 text, for tests and logs. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
