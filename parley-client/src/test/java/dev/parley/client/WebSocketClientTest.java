package dev.parley.client;

import static dev.parley.client.TestApi.ADD;
import static dev.parley.client.TestApi.ECHO;
import static dev.parley.client.TestApi.FEED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.ErrorCode;
import dev.parley.Issue;
import dev.parley.ParleyException;
import dev.parley.Shared;
import dev.parley.SubscriptionListener;
import dev.parley.client.CannedSocketServer.Peer;
import dev.parley.client.TestApi.NewTodo;
import dev.parley.client.TestApi.Todo;
import dev.parley.internal.json.JsonCodec;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The WebSocket link against a server played by hand ({@link CannedSocketServer}): the messages
 * it sends, how it matches answers, what it does with bad ones, and how it keeps its connection
 * and its subscriptions alive. The real server's side is tested in parley-testing.
 */
class WebSocketClientTest {
  private static final JsonCodec JSON = JsonCodec.standard();

  private final CannedSocketServer server = new CannedSocketServer();
  private final List<String> states = new CopyOnWriteArrayList<>();
  private ParleyClient<Shared> client;

  WebSocketClientTest() throws Exception {}

  private ParleyClient<Shared> client(ClientOptions.Builder options) {
    client = ParleyClient.websocket(server.uri(), TestApi.CONTRACT, options
        .reconnectDelay(Duration.ofMillis(10)).maxReconnectDelay(Duration.ofMillis(50)).build());
    client.onConnectionState((state, cause) -> states.add(state.name()));
    eventually(() -> client.connectionState() == ConnectionState.OPEN);
    return client;
  }

  /** Waits, at most 10 seconds, until {@code condition} holds. */
  static void eventually(java.util.function.BooleanSupplier condition) {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > until) {
        throw new AssertionError("the condition did not hold within 10 seconds");
      }
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private ParleyClient<Shared> client() {
    return client(ClientOptions.builder());
  }

  @AfterEach
  void close() throws Exception {
    if (client != null) {
      client.close();
    }
    server.close();
  }

  private static JsonNode json(String text) {
    return JSON.parse(text);
  }

  /** The id of a request message. */
  private static long id(String request) {
    return json(request).get("id").longValue();
  }

  private static String data(long id, String json) {
    return "{\"id\":" + id + ",\"result\":{\"type\":\"data\",\"data\":" + json + "}}";
  }

  @Test
  void sendsItsConnectionParamsFirstAndSaysSoInItsUrl() throws Exception {
    client(ClientOptions.builder().connectionParam("token", "t1").header("authorization", "Bearer h"));
    Peer peer = server.next();

    assertThat(peer.requestLine).startsWith("GET /parley?connectionParams=1 ");
    assertThat(peer.headers).containsEntry("authorization", "Bearer h");
    assertThat(peer.next()).isEqualTo("{\"method\":\"connectionParams\",\"data\":{\"token\":\"t1\"}}");
    CompletableFuture<String> echo = client.queryAsync(ECHO, "hi");
    String request = peer.next();
    assertThat(json(request).get("method").stringValue()).isEqualTo("query");
    assertThat(json(request).get("params").get("path").stringValue()).isEqualTo("echo");
    assertThat(json(request).get("params").get("input").stringValue()).isEqualTo("hi");

    peer.send(data(id(request), "\"hi!\""));

    assertThat(echo.get(10, TimeUnit.SECONDS)).isEqualTo("hi!");
  }

  @Test
  void withoutConnectionParamsSendsNoneAndNoQuery() throws Exception {
    client();
    Peer peer = server.next();
    CompletableFuture<String> echo = client.queryAsync(ECHO, "a");

    String request = peer.next();
    peer.send(data(id(request), "\"a\""));

    assertThat(peer.requestLine).startsWith("GET /parley ");
    assertThat(json(request).get("method").stringValue()).isEqualTo("query");
    assertThat(echo.get(10, TimeUnit.SECONDS)).isEqualTo("a");
  }

  @Test
  void matchesAnswersByIdWhateverTheirOrder() throws Exception {
    client();
    Peer peer = server.next();
    CompletableFuture<String> first = client.queryAsync(ECHO, "1");
    CompletableFuture<Todo> second = client.mutateAsync(ADD, new NewTodo("milk"));
    String a = peer.next();
    String b = peer.next();
    assertThat(json(b).get("method").stringValue()).isEqualTo("mutation");

    peer.send("{\"id\":" + id(b) + ",\"result\":{\"type\":\"data\",\"data\":{\"id\":7,\"text\":"
        + "\"milk\"},\"resources\":[\"todos\"]}}");
    peer.send(data(id(a), "\"one\""));

    assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(new Todo(7, "milk"));
    assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("one");
    assertThat(id(a)).isNotEqualTo(id(b));
  }

  @Test
  void reportsAMutationsResourcesAndTypedErrors() throws Exception {
    client();
    Peer peer = server.next();
    CompletableFuture<MutationResult<Todo>> added =
        client.mutateForResultAsync(ADD, new NewTodo("x"));
    peer.send("{\"id\":" + id(peer.next()) + ",\"result\":{\"type\":\"data\",\"data\":{\"id\":1,"
        + "\"text\":\"x\"},\"resources\":[\"todo/1\",\"todos\"]}}");
    assertThat(added.get(10, TimeUnit.SECONDS).resources()).containsExactlyInAnyOrder("todos",
        "todo/1");

    CompletableFuture<String> bad = client.queryAsync(ECHO, "");
    peer.send("{\"id\":" + id(peer.next()) + ",\"error\":{\"message\":\"bad input\",\"code\":-32600,"
        + "\"data\":{\"code\":\"BAD_REQUEST\",\"httpStatus\":400,\"path\":\"echo\",\"issues\":"
        + "[{\"path\":\"\",\"message\":\"must not be blank\"}]}}}");

    assertThat(bad).failsWithin(Duration.ofSeconds(10)).withThrowableThat()
        .havingCause().isInstanceOfSatisfying(ParleyClientException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
          assertThat(e.httpStatus()).isEqualTo(400);
          assertThat(e.issues()).containsExactly(new Issue("", "must not be blank"));
        });
  }

  @Test
  void dropsMessagesThatAreNotJsonOrNameNoLiveIdAndCarriesOn() throws Exception {
    client();
    Peer peer = server.next();
    CompletableFuture<String> echo = client.queryAsync(ECHO, "x");
    long id = id(peer.next());

    peer.send("this is not JSON");
    peer.send(data(id + 1000, "\"stranger\""));
    peer.send("{\"id\":\"" + id + "\",\"result\":{\"type\":\"data\",\"data\":\"a string id\"}}");
    peer.send("[1,2,3]");
    peer.send("{\"id\":null,\"error\":{\"message\":\"you sent garbage\",\"code\":-32700}}");
    peer.send("{\"id\":" + id + ",\"neither\":true}");
    CompletableFuture<String> next = client.queryAsync(ECHO, "y");
    peer.send(data(id(peer.next()), "\"y\""));

    assertThat(next.get(10, TimeUnit.SECONDS)).isEqualTo("y");
    assertThat(echo).failsWithin(Duration.ofSeconds(10)).withThrowableThat()
        .havingCause().isInstanceOfSatisfying(ParleyClientException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL_SERVER_ERROR));
    assertThat(server.hasWaitingConnection()).as("no reconnect").isFalse();
    assertThat(client.connectionState()).isEqualTo(ConnectionState.OPEN);
  }

  @Test
  void answersPingWithPong() throws Exception {
    client();
    Peer peer = server.next();

    peer.send("PING");

    assertThat(peer.next()).isEqualTo("PONG");
  }

  @Test
  void sendsPingAfterSilenceAndReconnectsWhenNothingAnswers() throws Exception {
    client(ClientOptions.builder().pingInterval(Duration.ofMillis(50))
        .pongTimeout(Duration.ofMillis(100)));
    Peer silent = server.next();

    assertThat(silent.next()).isEqualTo("PING");
    Peer next = server.next();

    assertThat(next.next()).isEqualTo("PING");
    next.send("PONG");
    assertThat(states).containsSubsequence("OPEN", "RECONNECTING", "OPEN");
  }

  @Test
  void timesOutACallAndDropsItsLateAnswer() throws Exception {
    client();
    Peer peer = server.next();

    assertThatThrownBy(() -> client.withTimeout(Duration.ofMillis(50)).query(ECHO, "slow"))
        .isInstanceOfSatisfying(ParleyClientException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT));
    peer.send(data(id(peer.next()), "\"late\""));
    CompletableFuture<String> next = client.queryAsync(ECHO, "z");
    peer.send(data(id(peer.next()), "\"z\""));

    assertThat(next.get(10, TimeUnit.SECONDS)).isEqualTo("z");
  }

  @Test
  void failsCallsInFlightWhenTheConnectionDropsAndWaitsWithNewOnes() throws Exception {
    client();
    Peer first = server.next();
    CompletableFuture<String> inFlight = client.queryAsync(ECHO, "a");
    first.next();

    first.close();
    Peer second = server.next();
    CompletableFuture<String> after = client.queryAsync(ECHO, "b");
    second.send(data(id(second.next()), "\"b\""));

    assertThat(inFlight).failsWithin(Duration.ofSeconds(10)).withThrowableThat()
        .havingCause().isInstanceOfSatisfying(ParleyClientException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE));
    assertThat(after.get(10, TimeUnit.SECONDS)).isEqualTo("b");
  }

  @Test
  void resubscribesFromTheLastEventIdAfterADropAndStartsOnce() throws Exception {
    client();
    Recorder feed = new Recorder();
    Peer first = server.next();
    client.subscribe(FEED, feed);
    String subscribe = first.next();
    long id = id(subscribe);
    assertThat(json(subscribe).get("method").stringValue()).isEqualTo("subscription");
    assertThat(json(subscribe).get("params").has("lastEventId")).isFalse();
    first.send("{\"id\":" + id + ",\"result\":{\"type\":\"started\"}}");
    first.send("{\"id\":" + id + ",\"result\":{\"type\":\"data\",\"id\":\"7\",\"data\":{\"id\":\"7\","
        + "\"data\":\"a\"}}}");
    feed.await(2);

    first.close();
    Peer second = server.next();
    String again = second.next();
    second.send("{\"id\":" + id + ",\"result\":{\"type\":\"started\"}}");
    second.send(data(id, "\"b\""));
    second.send("{\"id\":" + id + ",\"result\":{\"type\":\"stopped\"}}");

    feed.await(4);
    assertThat(id(again)).isEqualTo(id);
    assertThat(json(again).get("params").get("lastEventId").stringValue()).isEqualTo("7");
    assertThat(feed.heard).containsExactly("started", "7:a", "null:b", "complete");
    assertThat(states).containsSubsequence("OPEN", "RECONNECTING", "OPEN");
  }

  @Test
  void stopTellsTheServerAndTheListenerHearsNothingMore() throws Exception {
    client();
    Recorder feed = new Recorder();
    Peer peer = server.next();
    ClientSubscription s = client.subscribe(FEED, feed);
    long id = id(peer.next());
    peer.send("{\"id\":" + id + ",\"result\":{\"type\":\"started\"}}");
    feed.await(1);

    s.stop();
    peer.send(data(id, "\"after\""));
    peer.send("{\"id\":" + id + ",\"result\":{\"type\":\"stopped\"}}");

    assertThat(json(peer.next())).isEqualTo(json("{\"id\":" + id
        + ",\"method\":\"subscription.stop\"}"));
    CompletableFuture<String> sync = client.queryAsync(ECHO, "sync");
    peer.send(data(id(peer.next()), "\"sync\""));
    sync.get(10, TimeUnit.SECONDS);
    assertThat(feed.heard).containsExactly("started");
    assertThat(s.isDone()).isTrue();
  }

  @Test
  void resendsASubscriptionThatFailedWithAnErrorWorthRetrying() throws Exception {
    client();
    Recorder feed = new Recorder();
    Peer peer = server.next();
    client.subscribe(FEED, feed);
    long id = id(peer.next());
    peer.send("{\"id\":" + id + ",\"result\":{\"type\":\"data\",\"id\":\"3\",\"data\":{\"id\":\"3\","
        + "\"data\":\"c\"}}}");
    peer.send("{\"id\":" + id + ",\"error\":{\"message\":\"fell behind\",\"code\":-32603,\"data\":"
        + "{\"code\":\"SERVICE_UNAVAILABLE\",\"httpStatus\":503}}}");

    String again = peer.next();
    peer.send("{\"id\":" + id + ",\"error\":{\"message\":\"no\",\"code\":-32009,\"data\":"
        + "{\"code\":\"CONFLICT\",\"httpStatus\":409}}}");

    feed.await(3);
    assertThat(json(again).get("params").get("lastEventId").stringValue()).isEqualTo("3");
    assertThat(feed.heard).containsExactly("started", "3:c", "error:CONFLICT");
  }

  @Test
  void movesToANewConnectionWhenAskedAndLetsTheOldOneAnswerItsCalls() throws Exception {
    client();
    Peer old = server.next();
    CompletableFuture<String> inFlight = client.queryAsync(ECHO, "old");
    long oldId = id(old.next());

    old.send("{\"id\":null,\"method\":\"reconnect\"}");
    Peer fresh = server.next();
    CompletableFuture<String> later = client.queryAsync(ECHO, "new");
    fresh.send(data(id(fresh.next()), "\"new\""));
    old.send(data(oldId, "\"old\""));

    assertThat(later.get(10, TimeUnit.SECONDS)).isEqualTo("new");
    assertThat(inFlight.get(10, TimeUnit.SECONDS)).isEqualTo("old");
    assertThat(old.closedByClient.get(10, TimeUnit.SECONDS)).isEqualTo(1000);
    assertThat(states).containsSubsequence("OPEN", "RECONNECTING", "OPEN");
  }

  @Test
  void aSlowListenerPausesReadingInsteadOfQueueingWithoutBound() throws Exception {
    client(ClientOptions.builder().maxQueuedValues(4));
    Peer peer = server.next();
    CountDownLatch release = new CountDownLatch(1);
    List<String> heard = new CopyOnWriteArrayList<>();
    client.subscribe(FEED, (value, id) -> {
      try {
        release.await();
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
      heard.add(value);
    });
    long id = id(peer.next());
    CompletableFuture<String> echo = client.queryAsync(ECHO, "after");
    long echoId = id(peer.next());
    for (int i = 0; i < 20; i++) {
      peer.send(data(id, "\"v" + i + "\""));
    }
    peer.send(data(echoId, "\"after\""));

    Thread.sleep(200);
    assertThat(echo).as("read no further than the backlog").isNotDone();
    release.countDown();

    assertThat(echo.get(10, TimeUnit.SECONDS)).isEqualTo("after");
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (heard.size() < 20 && System.nanoTime() < until) {
      Thread.sleep(5);
    }
    assertThat(heard).containsExactlyElementsOf(
        java.util.stream.IntStream.range(0, 20).mapToObj(i -> "v" + i).toList());
  }

  @Test
  void closeSendsACloseFrameAndEndsWhatIsLive() throws Exception {
    client();
    Recorder feed = new Recorder();
    Peer peer = server.next();
    client.subscribe(FEED, feed);
    CompletableFuture<String> echo = client.queryAsync(ECHO, "x");
    peer.next();
    peer.next();

    client.close();

    assertThat(peer.closedByClient.get(10, TimeUnit.SECONDS)).isEqualTo(1000);
    assertThat(echo).failsWithin(Duration.ofSeconds(10)).withThrowableThat()
        .havingCause().isInstanceOfSatisfying(ParleyClientException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CLIENT_CLOSED_REQUEST));
    feed.await(1);
    assertThat(feed.heard).containsExactly("error:CLIENT_CLOSED_REQUEST");
    assertThat(client.connectionState()).isEqualTo(ConnectionState.CLOSED);
    assertThatThrownBy(() -> client.query(ECHO, "y")).isInstanceOfSatisfying(
        ParleyClientException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.CLIENT_CLOSED_REQUEST));
  }

  @Test
  void aCallFailsWithTheConnectionAttemptItWaitedFor() throws Exception {
    int closedPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    client = ParleyClient.websocket(java.net.URI.create("ws://127.0.0.1:" + closedPort + "/parley"),
        TestApi.CONTRACT, ClientOptions.builder().reconnectDelay(Duration.ofMillis(10))
            .maxReconnectDelay(Duration.ofMillis(50)).build());
    Recorder feed = new Recorder();
    client.subscribe(FEED, feed);

    assertThatThrownBy(() -> client.query(ECHO, "x")).isInstanceOfSatisfying(
        ParleyClientException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
          assertThat(e.getMessage()).contains("cannot connect");
        });
    assertThat(client.connectionState()).isEqualTo(ConnectionState.CONNECTING);
    assertThat(feed.heard).as("a subscription waits for the connection").isEmpty();
  }

  @Test
  void aServerThatRefusesItForGoodClosesItWithItsError() throws Exception {
    client(ClientOptions.builder().connectionParam("token", "wrong"));
    Recorder feed = new Recorder();
    Peer peer = server.next();
    client.subscribe(FEED, feed);
    List<ConnectionState> seen = new CopyOnWriteArrayList<>();
    List<ParleyClientException> causes = new CopyOnWriteArrayList<>();
    client.onConnectionState((state, cause) -> {
      seen.add(state);
      if (cause != null) {
        causes.add(cause);
      }
    });
    peer.next();

    peer.send("{\"id\":null,\"error\":{\"message\":\"who are you\",\"code\":-32001,\"data\":"
        + "{\"code\":\"UNAUTHORIZED\",\"httpStatus\":401}}}");
    peer.closeFrame(1008);

    feed.await(1);
    assertThat(feed.heard).containsExactly("error:UNAUTHORIZED");
    eventually(() -> seen.contains(ConnectionState.CLOSED));
    assertThat(causes).extracting(ParleyClientException::code).contains(ErrorCode.UNAUTHORIZED);
    assertThatThrownBy(() -> client.query(ECHO, "x")).isInstanceOfSatisfying(
        ParleyClientException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED);
          assertThat(e.getMessage()).isEqualTo("echo: who are you");
        });
    assertThat(server.hasWaitingConnection()).as("no reconnect").isFalse();
  }

  @Test
  void reconnectsAfterAPolicyCloseThatRefusedNoCredentials() throws Exception {
    client();
    Peer first = server.next();

    first.send("{\"id\":7,\"error\":{\"message\":\"revoked\",\"code\":-32001,\"data\":"
        + "{\"code\":\"UNAUTHORIZED\",\"httpStatus\":401}}}");
    first.closeFrame(1008);
    Peer second = server.next();
    CompletableFuture<String> echo = client.queryAsync(ECHO, "again");
    second.send(data(id(second.next()), "\"again\""));

    assertThat(echo.get(10, TimeUnit.SECONDS)).isEqualTo("again");
    assertThat(states).containsSubsequence("OPEN", "RECONNECTING", "OPEN");
  }

  @Test
  void refusesAnotherSchemeOrAQuery() {
    assertThatThrownBy(() -> ParleyClient.websocket(java.net.URI.create("http://h/parley"),
        TestApi.CONTRACT)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ws or wss");
    assertThatThrownBy(() -> ParleyClient.websocket(java.net.URI.create("ws://h/parley?a=1"),
        TestApi.CONTRACT)).isInstanceOf(IllegalArgumentException.class);
  }

  /** Records a listener's calls as strings. */
  static final class Recorder implements SubscriptionListener<String> {
    final List<String> heard = new CopyOnWriteArrayList<>();

    @Override
    public void onStarted() {
      heard.add("started");
    }

    @Override
    public void onValue(String value, @Nullable String id) {
      heard.add(id + ":" + value);
    }

    @Override
    public void onError(ParleyException error) {
      heard.add("error:" + error.code());
    }

    @Override
    public void onComplete() {
      heard.add("complete");
    }

    /** Waits until {@code n} calls were heard. */
    void await(int n) throws InterruptedException {
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (heard.size() < n) {
        if (System.nanoTime() > until) {
          throw new AssertionError("heard only " + heard);
        }
        Thread.sleep(5);
      }
    }
  }
}
