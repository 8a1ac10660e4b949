package dev.parley.jetty.internal;

import dev.parley.ErrorCode;
import dev.parley.ParleyException;
import dev.parley.server.ParleyRequest;
import dev.parley.server.ParleyResponse;
import dev.parley.server.ParleyServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Jetty core handler in front of a {@link ParleyServer}: requests under the base path become a
 * {@link ParleyRequest} for {@link ParleyServer#handle}; others go to the wrapped handler (static
 * files), and when it does not take them, a plain-text 404.
 *
 * <p>It blocks (reads the body, then waits for the server), so it declares itself {@link
 * InvocationType#BLOCKING} and Jetty calls it on a virtual thread.
 */
public final class ParleyHandler extends Handler.Wrapper {
  private static final Logger LOG = LoggerFactory.getLogger(ParleyHandler.class);
  private static final byte[] NOT_FOUND = "Not found\n".getBytes(StandardCharsets.UTF_8);

  private final ParleyServer<?> server;
  private final String prefix;
  private final int maxBodyBytes;
  private final ParleyResponse tooLarge;
  private final ParleyResponse internal;
  private final ParleyResponse late;
  private final ParleyResponse unreadable;
  private final long readNanos;
  private final SocketUpgrade sockets;

  /**
   * A handler for {@code server} under {@code basePath} ({@code /} or a path such as {@code
   * /parley}, no trailing slash), delegating other paths to {@code fallback} when not null, and
   * upgrading requests at the base path to WebSocket connections on {@code jetty}.
   */
  public ParleyHandler(ParleyServer<?> server, Server jetty, String basePath,
      Duration readTimeout, @Nullable Handler fallback) {
    super(fallback);
    this.sockets = new SocketUpgrade(server, jetty);
    this.server = server;
    this.prefix = basePath.equals("/") ? "" : basePath;
    this.maxBodyBytes = server.options().maxBodyBytes();
    this.tooLarge = closing(server.errorResponse(new ParleyException(ErrorCode.PAYLOAD_TOO_LARGE,
        "Request body is larger than " + maxBodyBytes + " bytes")));
    this.internal = server.errorResponse(
        new ParleyException(ErrorCode.INTERNAL_SERVER_ERROR, "Internal server error"));
    this.late = closing(server.errorResponse(new ParleyException(ErrorCode.TIMEOUT,
        "The request body did not arrive within " + readTimeout.toMillis() + " ms")));
    this.unreadable = closing(server.errorResponse(new ParleyException(ErrorCode.BAD_REQUEST,
        "The request body could not be read")));
    this.readNanos = readTimeout.toNanos();
  }

  /**
   * {@code answer} with {@code Connection: close}: its request's body was left unread, so the
   * connection cannot carry another request, and the client must not try.
   */
  private static ParleyResponse closing(ParleyResponse answer) {
    Map<String, String> headers = new HashMap<>(answer.headers());
    headers.put("connection", "close");
    return new ParleyResponse(answer.status(), headers, answer.body());
  }

  @Override
  public InvocationType getInvocationType() {
    return InvocationType.BLOCKING;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    String path = request.getHttpURI().getPath();
    String below = below(path);
    if (below == null) {
      Handler next = getHandler();
      if (next == null || !next.handle(request, response, callback)) {
        write(response, callback, 404, "text/plain; charset=utf-8", NOT_FOUND);
      }
      return true;
    }
    String method = request.getMethod();
    if (below.isEmpty() && SocketUpgrade.isUpgrade(request)) {
      String query = request.getHttpURI().getQuery();
      sockets.upgrade(request, response, callback, new ParleyRequest("GET", below,
          query == null ? "" : query, headers(request), BoundedBody.EMPTY, remote(request)));
      return true;
    }
    byte[] body;
    try {
      body = method.equals("GET") || method.equals("HEAD")
          ? BoundedBody.EMPTY
          : BoundedBody.read(request, maxBodyBytes, request.getBeginNanoTime() + readNanos);
    } catch (BoundedBody.Late e) {
      LOG.debug("{} {}: {}", method, path, e.getMessage());
      respond(response, callback, late);
      return true;
    } catch (IOException e) {
      LOG.debug("{} {}: the body could not be read", method, path, e);
      respond(response, callback, unreadable);
      return true;
    }
    if (body == null) {
      respond(response, callback, tooLarge);
      return true;
    }
    String query = request.getHttpURI().getQuery();
    ParleyRequest call = new ParleyRequest(method, below, query == null ? "" : query,
        headers(request), body, remote(request));
    JettyResponder responder = new JettyResponder(request, response, callback);
    responder.watch();
    try {
      server.handle(call, responder);
    } catch (RuntimeException e) {
      LOG.error("ParleyServer.handle threw for {} {}", method, path, e);
      responder.respond(internal);
    }
    return true;
  }

  /** Writes {@code answer} whole. */
  static void respond(Response response, Callback callback, ParleyResponse answer) {
    response.setStatus(answer.status());
    HttpFields.Mutable out = response.getHeaders();
    for (Map.Entry<String, String> h : answer.headers().entrySet()) {
      out.put(h.getKey(), h.getValue());
    }
    out.put(HttpHeader.CONTENT_LENGTH, answer.body().length);
    response.write(true, ByteBuffer.wrap(answer.body()), callback);
  }

  /** The path below the base path without its leading slash, or null when outside it. */
  private @Nullable String below(String path) {
    if (!path.startsWith(prefix)) {
      return null;
    }
    int end = prefix.length();
    if (path.length() == end) {
      return "";
    }
    return path.charAt(end) == '/' ? path.substring(end + 1) : null;
  }

  /**
   * The fields by lower-case name, each name's values as an immutable list, in order; with a
   * {@code host} from the URI's authority when there is none (HTTP/2 sends {@code :authority}).
   */
  private static Map<String, List<String>> headers(Request request) {
    HttpFields fields = request.getHeaders();
    Map<String, List<String>> headers = new HashMap<>(fields.size() * 2 + 2);
    for (HttpField f : fields) {
      headers.merge(f.getLowerCaseName(), List.of(f.getValue()), ParleyHandler::concat);
    }
    if (!headers.containsKey("host")) {
      String authority = request.getHttpURI().getAuthority();
      if (authority != null && !authority.isEmpty()) {
        headers.put("host", List.of(authority));
      }
    }
    return headers;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return List.copyOf(all);
  }

  private static @Nullable InetSocketAddress remote(Request request) {
    SocketAddress address = request.getConnectionMetaData().getRemoteSocketAddress();
    return address instanceof InetSocketAddress inet ? inet : null;
  }

  private static void write(
      Response response, Callback callback, int status, String contentType, byte[] body) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
  }
}
