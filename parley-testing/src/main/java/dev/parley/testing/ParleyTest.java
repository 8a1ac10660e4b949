package dev.parley.testing;

import dev.parley.Shared;
import dev.parley.client.ParleyClient;
import dev.parley.server.ParleyServer;
import java.util.Objects;

/**
 * Entry points for testing a Parley server, so that a test is three lines:
 *
 * <pre>{@code
 * try (TestServer test = ParleyTest.http(TodoApp.server())) {
 *   assertThat(test.client().query(TodoApi.LIST)).isEmpty();
 * }
 * }</pre>
 *
 * <p>or, with no HTTP at all (input and output validation and middleware still run):
 *
 * <pre>{@code
 * var client = ParleyTest.inProcess(TodoApp.server(), new AppCtx("ada"));
 * assertThat(client.mutate(TodoApi.ADD, new NewTodo("milk")).text()).isEqualTo("milk");
 * }</pre>
 */
public final class ParleyTest {
  private ParleyTest() {}

  /**
   * Serves {@code server} with a real Jetty on {@code 127.0.0.1}, a free port, the default base
   * path {@code /parley}, after checking that every procedure is implemented. Closing the returned
   * {@link TestServer} closes its client, stops Jetty and shuts {@code server} down, so build a
   * fresh server for each test.
   *
   * @throws IllegalStateException if a procedure of the contract is not implemented
   */
  public static TestServer http(ParleyServer<?> server) {
    return TestServer.start(Objects.requireNonNull(server, "server"));
  }

  /**
   * A client that calls {@code server} in process, on the caller's thread, with {@code ctx} as the
   * context of every call: no serialization, but validation and middleware as over HTTP.
   */
  public static <C> ParleyClient<Shared> inProcess(ParleyServer<C> server, C ctx) {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(ctx, "ctx");
    return ParleyClient.inProcess(server.invoker(ctx));
  }
}
