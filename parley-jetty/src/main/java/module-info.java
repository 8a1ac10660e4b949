/** Parley's embedded transport: Jetty 12, HTTP/1.1, h2c and WebSocket, virtual threads. */
module dev.parley.jetty {
  requires transitive dev.parley.server;
  requires org.eclipse.jetty.server;
  requires org.eclipse.jetty.http;
  requires org.eclipse.jetty.http2.server;
  requires org.eclipse.jetty.http2.common;
  requires org.eclipse.jetty.io;
  requires org.eclipse.jetty.util;
  requires org.eclipse.jetty.websocket.core.server;
  requires org.eclipse.jetty.websocket.core.common;
  requires org.slf4j;

  exports dev.parley.jetty;
}
