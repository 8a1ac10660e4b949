package dev.parley.testing;

import dev.parley.Role;
import dev.parley.Shared;
import dev.parley.client.ParleyClient;
import dev.parley.server.Identity;
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
 * <p>or, with no HTTP at all (validation, the context factory, middleware and deadlines as over
 * HTTP), as an anonymous caller or as a role's principal:
 *
 * <pre>{@code
 * ParleyClient<Shared> anyone = ParleyTest.inProcess(TodoApp.server());
 * ParleyClient<User> ada = ParleyTest.inProcess(ChatApp.server(), ChatApi.USER, "ada");
 * assertThat(ada.mutate(ChatApi.SAY, new Text("hi")).author()).isEqualTo("ada");
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
   * A client that calls {@code server} in process as an anonymous caller (the shared surface): no
   * serialization, but its context made by the server's context factory, and validation,
   * middleware and deadlines as over HTTP.
   */
  public static ParleyClient<Shared> inProcess(ParleyServer<?> server) {
    Objects.requireNonNull(server, "server");
    return ParleyClient.inProcess(server.invoker(Identity.anonymous()));
  }

  /**
   * A client that calls {@code server} in process as {@code principal} acting in {@code role}: the
   * role's surface, the context the server's context factory makes for that identity (as for an
   * HTTP caller its authenticator resolved to it), validation, middleware and deadlines as over
   * HTTP. {@code principal} must be of the type the server's authenticator returns.
   */
  public static <R extends Shared> ParleyClient<R> inProcess(
      ParleyServer<?> server, Role<R> role, Object principal) {
    Objects.requireNonNull(server, "server");
    return ParleyClient.inProcess(server.invoker(Identity.of(role, principal)), role);
  }
}
