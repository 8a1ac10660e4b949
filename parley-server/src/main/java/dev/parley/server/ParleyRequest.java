package dev.parley.server;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * An HTTP request as every transport hands it to {@link ParleyServer#handle(ParleyRequest)}: the
 * transport-agnostic value that Jetty, a Servlet container or a test builds from its own request.
 * A WebSocket connection is one too: its upgrade request, given to {@link
 * ParleyServer#openSocket}, with the {@code connectionParams} its client sent first, if any.
 *
 * @param method the HTTP method, upper case ({@code GET}, {@code POST} …)
 * @param path the path below the server's base path, without a leading slash, e.g. {@code
 *     todos.list} or {@code a,b}; the transport strips its base path
 * @param query the raw (still URL-encoded) query string without {@code ?}, empty when none
 * @param headers header names in lower case mapped to their values in order
 * @param body the request body, empty when none, copied; the transport has already enforced its
 *     size limit
 * @param remoteAddress the peer's address, when the transport knows it
 * @param connectionParams the parameters a WebSocket client sent in its first message ({@code
 *     connectionParams} of tRPC's {@code wsLink}, e.g. a token), for the {@link Authenticator};
 *     empty for HTTP requests and for connections that sent none. Copied, immutable
 */
public record ParleyRequest(
    String method,
    String path,
    String query,
    Map<String, List<String>> headers,
    byte[] body,
    @Nullable InetSocketAddress remoteAddress,
    Map<String, String> connectionParams) {

  /** Checks the parts and copies the headers with lower-case names. */
  public ParleyRequest {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(query, "query");
    Objects.requireNonNull(body, "body");
    headers = lowerCase(headers);
    body = body.length == 0 ? NO_BODY : body.clone();
    connectionParams = Map.copyOf(connectionParams);
  }

  /** An HTTP request: no connection parameters. */
  public ParleyRequest(String method, String path, String query,
      Map<String, List<String>> headers, byte[] body, @Nullable InetSocketAddress remoteAddress) {
    this(method, path, query, headers, body, remoteAddress, Map.of());
  }

  /**
   * This request with {@code params} as its {@link #connectionParams()}: what a WebSocket
   * connection's authenticator sees once its client sent them.
   */
  public ParleyRequest withConnectionParams(Map<String, String> params) {
    return new ParleyRequest(method, path, query, headers, body, remoteAddress, params);
  }

  /** The connection parameter {@code name}, empty when the client sent none of that name. */
  public Optional<String> connectionParam(String name) {
    return Optional.ofNullable(connectionParams.get(name));
  }

  private static final byte[] NO_BODY = new byte[0];

  /** {@code headers} with lower-case names, merged, immutable; no new map when they already are. */
  private static Map<String, List<String>> lowerCase(Map<String, List<String>> headers) {
    boolean lower = true;
    for (String name : headers.keySet()) {
      lower &= name.equals(name.toLowerCase(Locale.ROOT));
    }
    Map<String, List<String>> merged = lower ? new HashMap<>(headers) : new TreeMap<>();
    if (lower) {
      merged.replaceAll((name, values) -> List.copyOf(values));
    } else {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        merged.merge(e.getKey().toLowerCase(Locale.ROOT), List.copyOf(e.getValue()), (a, b) -> {
          List<String> all = new ArrayList<>(a);
          all.addAll(b);
          return List.copyOf(all);
        });
      }
    }
    return Map.copyOf(merged);
  }

  /**
   * The token of an {@code Authorization: Bearer <token>} header, the scheme matched without regard
   * to case as HTTP scheme names are; empty when there is no such header or no token.
   */
  public Optional<String> bearerToken() {
    return header("authorization").map(String::strip)
        .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
        .map(h -> h.substring(7).strip())
        .filter(t -> !t.isEmpty());
  }

  /** A copy of the body; empty when there is none. */
  @Override
  public byte[] body() {
    return body.clone();
  }

  /** The body's length in bytes. */
  public int bodyLength() {
    return body.length;
  }

  /** Equal when every part is, the body by its bytes. */
  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ParleyRequest r && r.method.equals(method) && r.path.equals(path)
        && r.query.equals(query) && r.headers.equals(headers) && Arrays.equals(r.body, body)
        && Objects.equals(r.remoteAddress, remoteAddress)
        && r.connectionParams.equals(connectionParams);
  }

  @Override
  public int hashCode() {
    return Objects.hash(method, path, query, headers, Arrays.hashCode(body), remoteAddress,
        connectionParams);
  }

  /** The request line and the body's size, e.g. {@code GET todos.list?input=… (0 bytes)}. */
  @Override
  public String toString() {
    return "ParleyRequest[" + method + " " + path + (query.isEmpty() ? "" : "?" + query) + ", "
        + body.length + " bytes]";
  }

  /** The first value of a header, by case-insensitive name. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }
}
