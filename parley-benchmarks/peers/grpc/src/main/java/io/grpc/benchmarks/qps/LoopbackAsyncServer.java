package io.grpc.benchmarks.qps;

import io.grpc.Server;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * gRPC's own benchmark {@code AsyncServer}, unchanged, but bound to 127.0.0.1: {@code AsyncServer}
 * listens on every interface whatever {@code --address} says. It lives in gRPC's package because
 * {@code AsyncServer.newServer} and the configuration fields are package-private.
 *
 * <p>Usage: {@code LoopbackAsyncServer --address=localhost:PORT [other AsyncServer options]}.
 */
public final class LoopbackAsyncServer {
  private LoopbackAsyncServer() {}

  /**
   * Starts the server on 127.0.0.1 at the port of {@code --address} and blocks until it is stopped
   * (SIGTERM shuts it down).
   *
   * @param args AsyncServer's options
   * @throws Exception if the options are wrong or the port cannot be bound
   */
  public static void main(String... args) throws Exception {
    ServerConfiguration config = ServerConfiguration.newBuilder().build(args);
    if (!(config.address instanceof InetSocketAddress requested)) {
      throw new IllegalArgumentException("--address: " + config.address + " (expected: host:port)");
    }
    config.address = new InetSocketAddress(InetAddress.getLoopbackAddress(), requested.getPort());
    Server server = AsyncServer.newServer(config).start();
    System.out.println("gRPC AsyncServer listening on " + config.address);
    Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
    server.awaitTermination();
  }
}
