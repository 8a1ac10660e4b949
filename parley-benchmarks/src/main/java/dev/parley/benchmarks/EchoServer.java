package dev.parley.benchmarks;

import dev.parley.jetty.JettyTransport;
import dev.parley.server.ParleyServer;

/**
 * Parley's row of the load benchmark: {@link BenchContract} ({@code echo}, {@code add},
 * {@code sum.add}) through the full server stack (context, validation of input and output, the tRPC
 * wire) on {@link JettyTransport} at 127.0.0.1, base path {@code /}, so that the echo URL is
 * {@code http://127.0.0.1:PORT/echo?input=%7B%22text%22%3A%22hi%22%7D}, as for every peer.
 */
public final class EchoServer {
  private EchoServer() {}

  /**
   * Starts the server with default options and blocks until the process is stopped.
   *
   * @param args the port (default 8082)
   * @throws Exception if the port cannot be bound
   */
  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8082;
    ParleyServer<String> server = BenchServer.create(BenchServer.options());
    JettyTransport transport =
        JettyTransport.builder(server).host("127.0.0.1").port(port).basePath("/").start();
    Runtime.getRuntime().addShutdownHook(new Thread(transport::close));
    System.out.println("Parley echo listening on " + transport.uri());
    Thread.currentThread().join();
  }
}
