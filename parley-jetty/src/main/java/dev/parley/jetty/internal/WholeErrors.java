package dev.parley.jetty.internal;

import dev.parley.ErrorCode;
import dev.parley.internal.json.JsonCodec;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The error answers the transport gives by itself, before the server sees the request, in tRPC's
 * error envelope exactly as the server writes a whole-request error (no {@code path}).
 */
final class WholeErrors {
  private WholeErrors() {}

  /** {@code PAYLOAD_TOO_LARGE}, with the server's own wording. */
  static byte[] tooLarge(int maxBodyBytes) {
    return envelope(ErrorCode.PAYLOAD_TOO_LARGE,
        "Request body is larger than " + maxBodyBytes + " bytes");
  }

  /** {@code INTERNAL_SERVER_ERROR} with the generic message, for a failure of the transport. */
  static byte[] internal() {
    return envelope(ErrorCode.INTERNAL_SERVER_ERROR, "Internal server error");
  }

  private static byte[] envelope(ErrorCode code, String message) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("code", code.name());
    data.put("httpStatus", code.httpStatus());
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("message", message);
    error.put("code", code.jsonRpcCode());
    error.put("data", data);
    return JsonCodec.standard().encode(Map.of("error", error));
  }
}
