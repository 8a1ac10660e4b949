/** Parley's Java client: in-process and HTTP links, batching, de-duplication, deadlines. */
module dev.parley.client {
  requires transitive dev.parley.core;
  requires transitive java.net.http;
  requires tools.jackson.databind;

  exports dev.parley.client;
}
