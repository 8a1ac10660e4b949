package dev.parley.server;

/**
 * Builds the context of an HTTP request, once per request (a batch shares one context), from the
 * request and the {@link Identity} its {@link Authenticator} resolved. Typical contexts hold the
 * principal, the role and the remote address.
 *
 * <pre>{@code
 * .context((request, identity) -> new AppCtx(identity.principal(), request.remoteAddress()))
 * }</pre>
 *
 * <p>Throw a {@link dev.parley.ParleyException} (e.g. {@code UNAUTHORIZED}) to refuse the whole
 * request; any other exception is answered as {@code INTERNAL_SERVER_ERROR} and logged.
 *
 * @param <P> the principal's type
 * @param <C> the context type
 */
@FunctionalInterface
public interface ContextFactory<P, C> {

  /** The context for {@code request} made by {@code identity}; never {@code null}. */
  C create(ParleyRequest request, Identity<P> identity) throws Exception;
}
