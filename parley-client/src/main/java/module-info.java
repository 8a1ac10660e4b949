/**
 * Parley's Java client: in-process, HTTP (with SSE subscriptions) and WebSocket links, batching,
 * de-duplication, deadlines, reconnection and resume.
 */
module dev.parley.client {
  requires transitive dev.parley.core;
  requires transitive java.net.http;
  requires tools.jackson.databind;

  exports dev.parley.client;
}
