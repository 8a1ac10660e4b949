/** Test helpers: a real server on a free port with its client, and in-process clients. */
module dev.parley.testing {
  requires transitive dev.parley.server;
  requires transitive dev.parley.client;
  requires transitive dev.parley.jetty;

  exports dev.parley.testing;
}
