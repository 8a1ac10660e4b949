package dev.parley.server;

/**
 * Builds the context of an HTTP request, once per request (a batch shares one context). Typical
 * contexts hold the authenticated user, read from headers, and the remote address.
 *
 * <p>Throw a {@link dev.parley.ParleyException} (e.g. {@code UNAUTHORIZED}) to refuse the whole
 * request; any other exception is answered as {@code INTERNAL_SERVER_ERROR} and logged.
 *
 * @param <C> the context type
 */
@FunctionalInterface
public interface ContextFactory<C> {

  /** The context for {@code request}; never {@code null}. */
  C create(ParleyRequest request) throws Exception;
}
