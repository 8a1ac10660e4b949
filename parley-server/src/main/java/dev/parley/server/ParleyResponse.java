package dev.parley.server;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A whole answer of {@link ParleyServer#handle}, which the transport writes back as it is.
 * Immutable: the body is copied in and out.
 *
 * @param status the HTTP status
 * @param headers response headers, names in lower case (e.g. {@code content-type}, {@code
 *     retry-after})
 * @param body the response body
 */
public record ParleyResponse(int status, Map<String, String> headers, byte[] body) {

  /** Checks the parts and copies the headers and the body. */
  public ParleyResponse {
    Objects.requireNonNull(headers, "headers");
    Objects.requireNonNull(body, "body");
    headers = Map.copyOf(headers);
    body = body.clone();
  }

  /** A copy of the body. */
  @Override
  public byte[] body() {
    return body.clone();
  }

  /** The body as UTF-8 text, for tests and logs. */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** Equal when status, headers and body bytes are. */
  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ParleyResponse r && r.status == status && r.headers.equals(headers)
        && Arrays.equals(r.body, body);
  }

  @Override
  public int hashCode() {
    return Objects.hash(status, headers, Arrays.hashCode(body));
  }

  /** The status and the body as text. */
  @Override
  public String toString() {
    return "ParleyResponse[" + status + ", " + bodyText() + "]";
  }
}
