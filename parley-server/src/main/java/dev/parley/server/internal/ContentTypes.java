package dev.parley.server.internal;

import dev.parley.ErrorCode;
import dev.parley.ParleyException;
import org.jspecify.annotations.Nullable;

/** The content types a POST may have: JSON in UTF-8, or none at all when the body is empty. */
final class ContentTypes {
  private static final String JSON = "application/json";

  private ContentTypes() {}

  /**
   * Accepts {@code application/json} with no charset or {@code charset=utf-8}, and a missing
   * content type with an empty body (a call without input).
   *
   * @throws ParleyException UNSUPPORTED_MEDIA_TYPE otherwise
   */
  static void check(@Nullable String contentType, int bodyLength) {
    if (contentType == null) {
      if (bodyLength == 0) {
        return;
      }
      throw new ParleyException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Missing content-type header");
    }
    int semi = contentType.indexOf(';');
    String type = (semi < 0 ? contentType : contentType.substring(0, semi)).trim();
    if (!type.equalsIgnoreCase(JSON) || (semi >= 0 && !utf8(contentType.substring(semi + 1)))) {
      throw new ParleyException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
          "Unsupported content-type \"" + contentType + "\" (expected: application/json)");
    }
  }

  private static boolean utf8(String params) {
    for (String p : params.split(";", -1)) {
      String param = p.trim();
      int eq = param.indexOf('=');
      if (eq > 0 && param.substring(0, eq).trim().equalsIgnoreCase("charset")) {
        String value = param.substring(eq + 1).trim().replace("\"", "");
        if (!value.equalsIgnoreCase("utf-8") && !value.equalsIgnoreCase("utf8")) {
          return false;
        }
      }
    }
    return true;
  }
}
