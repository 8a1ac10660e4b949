/**
 * The embedded default transport: {@link dev.parley.jetty.JettyTransport} serves a {@link
 * dev.parley.server.ParleyServer} over HTTP/1.1 and h2c with Jetty 12 core handlers on virtual
 * threads.
 */
@org.jspecify.annotations.NullMarked
package dev.parley.jetty;
