package dev.parley.testing;

import static dev.parley.testing.Feeds.COUNTED;
import static dev.parley.testing.Feeds.ECHO;
import static dev.parley.testing.Feeds.PUBLISH;
import static dev.parley.testing.Feeds.WAIT;
import static dev.parley.testing.SubscribeTest.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.ErrorCode;
import dev.parley.Shared;
import dev.parley.client.ClientOptions;
import dev.parley.client.ConnectionState;
import dev.parley.client.ParleyClient;
import dev.parley.client.ParleyClientException;
import dev.parley.jetty.JettyTransport;
import dev.parley.server.Identity;
import dev.parley.server.ParleyServer;
import dev.parley.testing.Feeds.Count;
import dev.parley.testing.Feeds.Tick;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Queries and mutations over the WebSocket link through the real server and transport: answers
 * matched by id, typed errors, timeouts, and the connection's state through a server's restart.
 */
class WebSocketLinkTest {
  private final Feeds feeds = new Feeds();
  private final List<AutoCloseable> closing = new CopyOnWriteArrayList<>();
  private final List<ConnectionState> states = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() throws Exception {
    feeds.release.countDown();
    for (AutoCloseable c : closing.reversed()) {
      c.close();
    }
  }

  private ParleyServer<Identity<String>> server;

  private JettyTransport serve(int port) {
    server = feeds.server();
    JettyTransport t = JettyTransport.builder(server).host("127.0.0.1").port(port)
        .shutdownGrace(Duration.ofSeconds(5)).start();
    closing.add(t);
    return t;
  }

  private ParleyClient<Shared> client(JettyTransport transport) {
    return client(transport, ClientOptions.builder());
  }

  private ParleyClient<Shared> client(JettyTransport transport, ClientOptions.Builder options) {
    ParleyClient<Shared> client = ParleyClient.websocket(
        URI.create("ws" + transport.uri().toString().substring(4)), Feeds.CONTRACT,
        options.reconnectDelay(Duration.ofMillis(20)).maxReconnectDelay(Duration.ofMillis(200))
            .build());
    client.onConnectionState((state, cause) -> states.add(state));
    closing.add(client);
    return client;
  }

  @Test
  void queriesAndMutatesOverOneConnection() {
    ParleyClient<Shared> client = client(serve(0));

    assertThat(client.query(ECHO, "hello")).isEqualTo("hello");
    assertThat(client.mutate(PUBLISH, 42L)).isEqualTo(42L);
    assertThat(feeds.window.after(null)).extracting(e -> e.id()).containsExactly("42");
    assertThat(client.connectionState()).isEqualTo(ConnectionState.OPEN);
  }

  @Test
  void matchesManyConcurrentAnswersEachToItsCall() {
    ParleyClient<Shared> client = client(serve(0));

    List<CompletableFuture<String>> echoes = IntStream.range(0, 100)
        .mapToObj(i -> client.queryAsync(ECHO, "m" + i)).toList();

    assertThat(echoes).extracting(CompletableFuture::join)
        .containsExactlyElementsOf(IntStream.range(0, 100).mapToObj(i -> "m" + i).toList());
  }

  @Test
  void runsTwoHundredSubscriptionsAtOnceOnOneConnection() {
    ParleyClient<Shared> client = client(serve(0));

    List<Subscribed<Tick>> all = IntStream.range(0, 200)
        .mapToObj(i -> ParleyTest.subscribe(client, Feeds.TICKS, new Count(1 + i % 5))).toList();

    for (int i = 0; i < all.size(); i++) {
      assertThat(all.get(i).awaitCompletion().values()).hasSize(1 + i % 5)
          .extracting(Tick::n).isSorted();
    }
  }

  @Test
  void getsTypedErrorsWithTheirIssuesThenCallsOn() {
    ParleyClient<Shared> client = client(serve(0));

    assertThatThrownBy(() -> client.query(COUNTED, new Count(0)))
        .isInstanceOfSatisfying(ParleyClientException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
          assertThat(e.issues()).extracting(i -> i.path()).containsExactly("count");
        });
    assertThat(client.query(COUNTED, new Count(3))).isEqualTo(3);
  }

  @Test
  void timesOutACallAndGoesOn() {
    ParleyClient<Shared> client = client(serve(0));

    assertThatThrownBy(() -> client.withTimeout(Duration.ofMillis(100)).query(WAIT))
        .isInstanceOfSatisfying(ParleyClientException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT));
    feeds.release.countDown();
    assertThat(client.query(ECHO, "still here")).isEqualTo("still here");
  }

  @Test
  void answersACallInFlightOnTheOldConnectionWhileTheServerDrains() throws Exception {
    JettyTransport first = serve(0);
    ParleyClient<Shared> client = client(first);
    CompletableFuture<String> waiting = client.queryAsync(WAIT);
    assertThat(feeds.waiting.await(10, TimeUnit.SECONDS)).isTrue();

    Thread closing = Thread.ofVirtual().start(first::close);
    eventually(() -> states.contains(ConnectionState.RECONNECTING));
    feeds.release.countDown();

    assertThat(waiting.get(10, TimeUnit.SECONDS)).isEqualTo("released");
    closing.join();
  }

  @Test
  void endsSubscriptionsWhoseAccessWasRevokedThenAuthenticatesAgain() {
    ParleyClient<Shared> client = client(serve(0),
        ClientOptions.builder().connectionParam("token", Feeds.MEMBER_TOKEN));
    Subscribed<Tick> feed = ParleyTest.subscribe(client, Feeds.FEED, Feeds.FROM_THE_START);
    feeds.publish(1, 1);
    feed.awaitValues(1);

    server.revoke(identity -> identity.principalIfAny().filter("ada"::equals).isPresent());

    assertThat(feed.awaitError().code()).isEqualTo(ErrorCode.UNAUTHORIZED);
    eventually(() -> states.contains(ConnectionState.RECONNECTING));
    eventually(() -> client.connectionState() == ConnectionState.OPEN);
    assertThat(client.query(ECHO, "back")).isEqualTo("back");
  }

  @Test
  void closesForGoodWhenTheServerRefusesItsCredentials() {
    ParleyClient<Shared> client = client(serve(0),
        ClientOptions.builder().connectionParam("token", Feeds.REFUSED_TOKEN));

    assertThatThrownBy(() -> client.query(ECHO, "x")).isInstanceOfSatisfying(
        ParleyClientException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED));
    eventually(() -> client.connectionState() == ConnectionState.CLOSED);
    assertThatThrownBy(() -> client.query(ECHO, "y")).isInstanceOfSatisfying(
        ParleyClientException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED));
  }

  @Test
  void reportsItsConnectionStateThroughAServersRestart() throws Exception {
    JettyTransport first = serve(0);
    int port = first.port();
    ParleyClient<Shared> client = client(first);
    assertThat(client.query(ECHO, "a")).isEqualTo("a");

    first.close();
    eventually(() -> states.contains(ConnectionState.RECONNECTING));
    serve(port);
    eventually(() -> client.connectionState() == ConnectionState.OPEN);
    assertThat(client.query(ECHO, "b")).isEqualTo("b");
    client.close();

    eventually(() -> states.contains(ConnectionState.CLOSED));
    assertThat(states).containsSubsequence(ConnectionState.OPEN, ConnectionState.RECONNECTING,
        ConnectionState.OPEN, ConnectionState.CLOSED);
    assertThat(states.getLast()).isEqualTo(ConnectionState.CLOSED);
  }
}
