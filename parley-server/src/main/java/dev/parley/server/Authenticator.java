package dev.parley.server;

/**
 * Resolves who is calling from an HTTP request (its headers, cookies, remote address): the {@code
 * authenticate} hook of {@link ParleyServer.Builder#authenticate}. It runs once per request (a batch
 * shares it), before any procedure is looked up, so that the caller's role decides what it may call.
 * A WebSocket connection is authenticated once, from its upgrade request, or, when its client sends
 * {@code connectionParams} first (tRPC's {@code wsLink} does, for a token a browser cannot put in
 * a header), from the upgrade request {@linkplain ParleyRequest#connectionParam with them}; a
 * refused connection is answered the error and closed.
 *
 * <pre>{@code
 * Authenticator<User> byToken = request -> request.bearerToken()
 *     .or(() -> request.connectionParam("token"))   // a WebSocket client's connectionParams
 *     .map(token -> users.byToken(token)
 *         .map(u -> Identity.of(u.role(), u))
 *         .orElseThrow(() -> new ParleyException(ErrorCode.UNAUTHORIZED, "Unknown token")))
 *     .orElse(Identity.anonymous());
 * }</pre>
 *
 * <p>Return {@link Identity#anonymous()} for a caller that presents no credentials (it sees the
 * shared surface); throw a {@link dev.parley.ParleyException} with {@code UNAUTHORIZED} to refuse
 * credentials that are wrong. A request with more than one {@code Authorization} header is refused
 * {@code BAD_REQUEST} before it reaches the authenticator. Any other exception is answered {@code INTERNAL_SERVER_ERROR} and
 * logged. Implementations must be thread-safe.
 *
 * @param <P> the principal's type
 */
@FunctionalInterface
public interface Authenticator<P> {

  /** The caller of {@code request}; never {@code null}. */
  Identity<P> authenticate(ParleyRequest request) throws Exception;
}
