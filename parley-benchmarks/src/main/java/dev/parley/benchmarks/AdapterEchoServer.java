package dev.parley.benchmarks;

import dev.parley.server.ParleyRequest;
import dev.parley.server.ParleyResponse;
import dev.parley.server.ParleyServer;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;

/**
 * Parley's echo server behind the thinnest possible Jetty adapter (the same Jetty set-up as {@link
 * BareJettyServer}: virtual threads, HTTP/1.1 + h2c on 127.0.0.1), calling {@code
 * server.handle(request)} at the root path. It measures the server stack apart from {@code
 * JettyTransport}; {@link EchoServer} is the real row.
 */
public final class AdapterEchoServer {
  private static final byte[] NO_BODY = new byte[0];

  private AdapterEchoServer() {}

  /**
   * Starts the server and blocks until the process is stopped.
   *
   * @param args the port (default 8083)
   * @throws Exception if the port cannot be bound
   */
  public static void main(String[] args) throws Exception {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8083;
    ParleyServer<String> parley = BenchServer.create(BenchServer.options());
    Server jetty = BareJettyServer.start(port, new Adapter(parley));
    System.out.println("Parley (bench adapter) listening on http://127.0.0.1:" + port + "/");
    jetty.join();
  }

  /** Turns Jetty's request into Parley's, and Parley's response into Jetty's; blocking. */
  private static final class Adapter extends Handler.Abstract {
    private final ParleyServer<?> parley;

    Adapter(ParleyServer<?> parley) {
      this.parley = parley;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
      String path = Request.getPathInContext(request);
      String query = request.getHttpURI().getQuery();
      Map<String, List<String>> headers = new HashMap<>();
      for (HttpField f : request.getHeaders()) {
        headers.computeIfAbsent(f.getName(), k -> new ArrayList<>(1)).add(f.getValue());
      }
      byte[] body = NO_BODY;
      if (request.getLength() != 0 && !request.getMethod().equals("GET")) {
        try (InputStream in = Content.Source.asInputStream(request)) {
          body = in.readAllBytes();
        }
      }
      SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
      ParleyResponse r = parley.handle(new ParleyRequest(request.getMethod(),
          path.startsWith("/") ? path.substring(1) : path, query == null ? "" : query, headers,
          body, remote instanceof InetSocketAddress inet ? inet : null));
      response.setStatus(r.status());
      r.headers().forEach((name, value) -> response.getHeaders().put(name, value));
      response.write(true, ByteBuffer.wrap(r.body()), callback);
      return true;
    }
  }
}
