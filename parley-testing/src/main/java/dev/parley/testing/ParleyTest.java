package dev.parley.testing;

import dev.parley.Role;
import dev.parley.Shared;
import dev.parley.Subscription;
import dev.parley.client.ParleyClient;
import dev.parley.server.Identity;
import dev.parley.server.ParleyServer;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

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
 *
 * <p>and a subscription, in process or over HTTP, in one line:
 *
 * <pre>{@code
 * Subscribed<Tick> ticks = ParleyTest.subscribe(test.client(), Api.TICKS, new Count(3));
 * assertThat(ticks.awaitValues(3)).extracting(Tick::n).containsExactly(0L, 1L, 2L);
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

  /**
   * Subscribes {@code client} to {@code subscription} with {@code input}, with a listener that
   * records what it hears, for the test to wait for ({@link Subscribed#awaitValues}, {@link
   * Subscribed#awaitCompletion}, {@link Subscribed#awaitError}) and look at. Closing the returned
   * {@link Subscribed} stops the subscription.
   */
  public static <R extends Shared, I, O> Subscribed<O> subscribe(ParleyClient<R> client,
      Subscription<? super R, I, O> subscription, @Nullable I input) {
    return Subscribed.subscribe(client, subscription, input);
  }

  /**
   * Subscribes to {@code subscription}, which takes no input; see {@link #subscribe(ParleyClient,
   * Subscription, Object)}.
   */
  public static <R extends Shared, O> Subscribed<O> subscribe(ParleyClient<R> client,
      Subscription<? super R, Void, O> subscription) {
    return Subscribed.subscribe(client, subscription, null);
  }
}
