package dev.parley.server.internal;

import dev.parley.ErrorCode;
import dev.parley.ParleyException;
import org.jspecify.annotations.Nullable;

/**
 * The content type every POST must have: JSON in UTF-8. Requiring it, even for an empty body, makes
 * every cross-origin POST a browser could send a CORS-preflighted one, so a page of another origin
 * cannot call a mutation with the user's cookies (a form or a no-cors fetch cannot send it).
 */
final class ContentTypes {
  private static final String JSON = "application/json";

  private ContentTypes() {}

  /**
   * Accepts {@code application/json} with no charset or {@code charset=utf-8}.
   *
   * @throws ParleyException UNSUPPORTED_MEDIA_TYPE otherwise
   */
  static void check(@Nullable String contentType) {
    if (contentType == null) {
      throw new ParleyException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
          "Missing content-type header (expected: application/json)");
    }
    int semi = contentType.indexOf(';');
    String type = (semi < 0 ? contentType : contentType.substring(0, semi)).trim();
    if (!type.equalsIgnoreCase(JSON) || (semi >= 0 && !utf8(contentType.substring(semi + 1)))) {
      throw new ParleyException(ErrorCode.UNSUPPORTED_MEDIA_TYPE,
          "Unsupported content-type \"" + contentType + "\" (expected: application/json)");
    }
  }

  /**
   * Accepts a body sent without a content coding (or {@code identity}): Parley does not decode
   * compressed bodies, and reading one as JSON would be wrong.
   *
   * @throws ParleyException UNSUPPORTED_MEDIA_TYPE for any other coding
   */
  static void checkEncoding(@Nullable String contentEncoding) {
    if (contentEncoding != null && !contentEncoding.isBlank()
        && !contentEncoding.trim().equalsIgnoreCase("identity")) {
      throw new ParleyException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Unsupported content-encoding \""
          + contentEncoding + "\" (expected: none; send the body uncompressed)");
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
