/**
 * Parley's server runtime: implementations, middleware, contexts, the one call pipeline, and the
 * transport-agnostic {@code handle(request)}.
 */
module dev.parley.server {
  requires transitive dev.parley.core;
  requires tools.jackson.databind;
  requires org.slf4j;

  exports dev.parley.server;
  exports dev.parley.server.internal.shutdown to dev.parley.jetty;
}
