package dev.parley.server.internal;

import dev.parley.Query;
import dev.parley.Role;
import dev.parley.server.ParleyRequest;
import dev.parley.server.ParleyResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * HTTP caching of the answers of cacheable and static queries: a single {@code GET} that succeeds
 * gets an {@code ETag}, a strong tag of the exact bytes of its body (128 bits of their SHA-256), and
 * a {@code Cache-Control}; when its {@code If-None-Match} names that tag (weak comparison, as RFC
 * 9110 says for this header; {@code *} matches any), it is answered {@code 304 Not Modified} with
 * no body. Errors, batches and other queries are answered as they are, untagged.
 */
final class HttpCaching {
  /** The {@code Cache-Control} of a cacheable query's answer: revalidate before each use. */
  static final String REVALIDATE = "no-cache";
  /** The {@code Cache-Control} of a static query's answer to a caller who sent no credentials. */
  static final String IMMUTABLE = "public, max-age=31536000, immutable";
  /**
   * The {@code Cache-Control} of a static query's answer to a caller with credentials ({@code
   * authorization} or {@code cookie}) or of a query of a role: kept by the caller's own cache only,
   * never by a shared one that could hand it to someone else.
   */
  static final String IMMUTABLE_PRIVATE = "private, max-age=31536000, immutable";

  private HttpCaching() {}

  /**
   * The answer to {@code request} for a call that ended in {@code answer}, encoded as {@code
   * encoded}: tagged, or 304, when it is a cacheable query's success; else as {@link Answers} makes it.
   */
  static ParleyResponse respond(ParleyRequest request, Answer answer, Answers.Encoded encoded,
      Answers answers) {
    if (!(answer instanceof Answer.Success s) || !request.method().equals("GET")
        || !(s.route().procedure() instanceof Query<?, ?, ?> query) || !query.isCacheable()) {
      return answers.single(encoded);
    }
    String tag = tag(encoded.json());
    Map<String, String> headers = new HashMap<>(HttpWire.JSON_HEADERS);
    headers.put("etag", tag);
    headers.put("cache-control", cacheControl(request, query));
    if (matches(request.headers().getOrDefault("if-none-match", List.of()), tag)) {
      headers.remove("content-type");
      return new ParleyResponse(304, headers, new byte[0]);
    }
    return new ParleyResponse(encoded.status(), headers, encoded.json());
  }

  private static String cacheControl(ParleyRequest request, Query<?, ?, ?> query) {
    if (!query.isStatic()) {
      return REVALIDATE;
    }
    boolean credentials = request.header("authorization").isPresent()
        || request.header("cookie").isPresent();
    return credentials || query.role() != Role.SHARED ? IMMUTABLE_PRIVATE : IMMUTABLE;
  }

  /** The strong entity tag of {@code body}: 22 base64url characters in quotes. */
  static String tag(byte[] body) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
      return '"' + Base64.getUrlEncoder().withoutPadding().encodeToString(
          java.util.Arrays.copyOf(digest, 16)) + '"';
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /**
   * Whether {@code ifNoneMatch} (every value of the header) names {@code tag}, by weak comparison:
   * {@code W/"x"} matches {@code "x"}. A member that is not an entity tag is skipped, so a header of
   * nothing but garbage matches nothing, and the full answer is sent.
   */
  static boolean matches(List<String> ifNoneMatch, String tag) {
    for (String value : ifNoneMatch) {
      int i = 0;
      int n = value.length();
      while (i < n) {
        char c = value.charAt(i);
        if (c == ' ' || c == '\t' || c == ',') {
          i++;
          continue;
        }
        if (c == '*') {
          return true;
        }
        int start = value.startsWith("W/", i) ? i + 2 : i;
        if (start < n && value.charAt(start) == '"') {
          int end = value.indexOf('"', start + 1);
          if (end < 0) {
            return false;
          }
          if (value.regionMatches(start, tag, 0, tag.length()) && end + 1 - start == tag.length()) {
            return true;
          }
          i = end + 1;
        } else {
          int comma = value.indexOf(',', i);
          i = comma < 0 ? n : comma + 1; // not an entity tag: skipped
        }
      }
    }
    return false;
  }
}
