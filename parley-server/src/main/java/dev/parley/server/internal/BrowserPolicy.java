package dev.parley.server.internal;

import dev.parley.ErrorCode;
import dev.parley.ParleyException;
import dev.parley.server.ParleyRequest;
import dev.parley.server.ParleyResponse;
import dev.parley.server.ServerOptions;
import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The browser-facing checks of {@link ServerOptions#allowedOrigins()}: CORS answers for allowed
 * origins, and the refusal of requests a page of another origin could make with the user's cookies.
 *
 * <p>A request is cross-origin when its {@code Origin} names another scheme, host or port than the
 * {@code Host} it was sent to. Browsers send {@code Origin} with every cross-origin request except a
 * no-cors {@code GET} (an image, a script tag), which {@code Sec-Fetch-Site} gives away instead.
 */
final class BrowserPolicy {
  /** How long a browser may cache a preflight answer, in seconds. */
  private static final String PREFLIGHT_MAX_AGE_SECONDS = "600";
  private static final Set<String> CROSS_SITE = Set.of("cross-site", "same-site");

  private final Set<String> allowed;
  private final boolean anyOrigin;
  private final boolean credentials;

  BrowserPolicy(ServerOptions options) {
    this.allowed = options.allowedOrigins();
    this.anyOrigin = allowed.contains(ServerOptions.ANY_ORIGIN);
    this.credentials = options.allowCredentials();
  }

  /** The refusal of {@code request}, or null when it may be served. */
  @Nullable ParleyException refusal(ParleyRequest request) {
    String origin = request.header("origin").orElse(null);
    boolean cross = origin != null && !sameOrigin(origin, request);
    if (cross && !allows(origin)) {
      return forbidden("Cross-origin request from " + origin + " is not allowed");
    }
    if (request.header("cookie").isPresent()) {
      if (cross && !credentials) {
        return forbidden("Cross-origin request with cookies from " + origin + " is not allowed");
      }
      String site = request.header("sec-fetch-site").orElse("").toLowerCase(Locale.ROOT);
      if (origin == null && CROSS_SITE.contains(site)) {
        return forbidden("Cross-site request with cookies is not allowed");
      }
    }
    return null;
  }

  /** Whether {@code request} is a CORS preflight: OPTIONS with an origin and a method asked for. */
  static boolean isPreflight(ParleyRequest request) {
    return request.method().equals("OPTIONS") && request.header("origin").isPresent()
        && request.header("access-control-request-method").isPresent();
  }

  /** The answer to a preflight: the CORS grant for an allowed origin, else FORBIDDEN. */
  ParleyResponse preflight(ParleyRequest request, HttpWire wire) {
    String origin = request.header("origin").orElseThrow();
    String method = request.header("access-control-request-method").orElseThrow();
    if (!allows(origin) || !(method.equals("GET") || method.equals("POST"))) {
      return wire.whole(forbidden("Cross-origin " + method + " from " + origin + " is not allowed"));
    }
    Map<String, String> headers = new HashMap<>(grant(origin));
    headers.put("access-control-allow-methods", "GET, POST");
    request.header("access-control-request-headers")
        .ifPresent(h -> headers.put("access-control-allow-headers", h));
    headers.put("access-control-max-age", PREFLIGHT_MAX_AGE_SECONDS);
    return new ParleyResponse(204, headers, new byte[0]);
  }

  /** The CORS headers to add to the answer of {@code request}; empty unless cross-origin allowed. */
  Map<String, String> corsHeaders(ParleyRequest request) {
    String origin = request.header("origin").orElse(null);
    if (origin == null || allowed.isEmpty() || sameOrigin(origin, request) || !allows(origin)) {
      return Map.of();
    }
    return grant(origin);
  }

  private Map<String, String> grant(String origin) {
    Map<String, String> headers = new HashMap<>();
    headers.put("access-control-allow-origin", anyOrigin && !credentials ? "*" : origin);
    headers.put("access-control-expose-headers", "retry-after");
    headers.put("vary", "origin, trpc-accept");
    if (credentials) {
      headers.put("access-control-allow-credentials", "true");
    }
    return headers;
  }

  private boolean allows(String origin) {
    return anyOrigin || allowed.contains(origin.toLowerCase(Locale.ROOT));
  }

  /** Whether {@code origin} is the origin the request was sent to, by its Host header. */
  private static boolean sameOrigin(String origin, ParleyRequest request) {
    String host = request.header("host").orElse(null);
    if (host == null || origin.equals("null")) {
      return false;
    }
    URI uri;
    try {
      uri = URI.create(origin);
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (uri.getHost() == null || uri.getScheme() == null) {
      return false;
    }
    int defaultPort = uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    String authority = uri.getHost() + ":" + (uri.getPort() >= 0 ? uri.getPort() : defaultPort);
    // a Host without a port names the scheme's default one, whatever port the origin names
    String target = host.indexOf(':', host.lastIndexOf(']') + 1) >= 0 ? host : host + ":" + defaultPort;
    return authority.equalsIgnoreCase(target);
  }

  private static ParleyException forbidden(String message) {
    return new ParleyException(ErrorCode.FORBIDDEN, message);
  }
}
