package dev.parley.benchmarks;

import dev.parley.server.ParleyServer;
import dev.parley.server.ServerOptions;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Builds the Parley server that the benchmarks measure: {@link BenchContract} fully implemented
 * with trivial handlers, so that what is measured is Parley's own cost per call (routing, decoding,
 * validation of input and output, encoding). The context is the caller's name, a {@code String}.
 */
public final class BenchServer {
  /** The context value that in-process benchmarks pass and that every HTTP request gets. */
  public static final String CALLER = "bench";

  private BenchServer() {}

  /**
   * The options the load benchmark's servers use: the defaults, except a request timeout given in
   * seconds by the system property {@code bench.requestTimeoutSeconds} (0 = none), for profiling.
   *
   * @return the options
   */
  public static ServerOptions options() {
    String timeout = System.getProperty("bench.requestTimeoutSeconds");
    return timeout == null
        ? ServerOptions.defaults()
        : ServerOptions.builder().requestTimeout(Duration.ofSeconds(Long.parseLong(timeout))).build();
  }

  /**
   * Returns a new server with every procedure of {@link BenchContract#CONTRACT} implemented.
   *
   * @param options the server's options (input and output are validated with the defaults)
   * @return the server, ready to be served or called in process
   */
  public static ParleyServer<String> create(ServerOptions options) {
    Objects.requireNonNull(options, "options");
    ParleyServer<String> server =
        ParleyServer.builder(BenchContract.CONTRACT)
            .context((request, identity) -> CALLER)
            .options(options)
            .build();
    server.implement(BenchContract.ECHO, (ctx, input) -> input);
    server.implement(BenchContract.ADD, (ctx, in) -> new Sum(in.a() + in.b()));
    server.implement(BenchContract.ECHO_CACHEABLE, (ctx, input) -> input);
    server
        .implement(BenchContract.ADD_MUTATION, (ctx, in) -> new Sum(in.a() + in.b()))
        .resources((ctx, in, out) -> Set.of("sums"));
    server.assertAllImplemented();
    return server;
  }
}
