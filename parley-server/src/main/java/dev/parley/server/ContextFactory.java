package dev.parley.server;

import java.util.Optional;

/**
 * Builds a caller's context from its {@link Identity} and, when the call came over HTTP, its
 * request: once per HTTP request (a batch shares one context), once per WebSocket connection (its
 * calls share one context, made from its upgrade request) and once per in-process call. The
 * same factory serves every transport, so a test that calls in process as an identity gets the
 * context an HTTP caller with that identity would get.
 *
 * <pre>{@code
 * .context((request, identity) -> new AppCtx(identity.principal(),
 *     request.map(ParleyRequest::remoteAddress).orElse(null)))
 * }</pre>
 *
 * <p>Throw a {@link dev.parley.ParleyException} (e.g. {@code UNAUTHORIZED}) to refuse the calls;
 * any other exception is answered {@code INTERNAL_SERVER_ERROR} and logged.
 *
 * @param <P> the principal's type
 * @param <C> the context type
 */
@FunctionalInterface
public interface ContextFactory<P, C> {

  /**
   * The context of a caller; never {@code null}.
   *
   * @param request the HTTP request (a WebSocket connection's upgrade request, with its {@link
   *     ParleyRequest#connectionParams()}), empty for an in-process call
   * @param identity who is calling
   */
  C create(Optional<ParleyRequest> request, Identity<P> identity) throws Exception;
}
