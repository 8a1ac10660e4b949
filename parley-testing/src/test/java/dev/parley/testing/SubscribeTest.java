package dev.parley.testing;

import static dev.parley.testing.Feeds.FAILS;
import static dev.parley.testing.Feeds.FEED;
import static dev.parley.testing.Feeds.FOREVER;
import static dev.parley.testing.Feeds.MEMBER;
import static dev.parley.testing.Feeds.SECRET;
import static dev.parley.testing.Feeds.TICKS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.ErrorCode;
import dev.parley.ParleyException;
import dev.parley.Role;
import dev.parley.Shared;
import dev.parley.client.ClientOptions;
import dev.parley.client.ClientSubscription;
import dev.parley.client.ConnectionState;
import dev.parley.client.ParleyClient;
import dev.parley.client.ParleyClientException;
import dev.parley.server.Identity;
import dev.parley.testing.Feeds.Count;
import dev.parley.testing.Feeds.Member;
import dev.parley.testing.Feeds.Tick;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The client's subscriptions through the real server and transport, on every link: values with
 * their ids, completion, typed errors, refused roles, stop, and the listener's contract.
 */
class SubscribeTest {
  /** How a test's client reaches the server. */
  enum Via {
    IN_PROCESS, SSE_HTTP_1_1, SSE_FROM_AN_HTTP_2_CLIENT, WEBSOCKET
  }

  /**
   * Reconnects within a fraction of a second; pings a silent WebSocket within one, since the JDK's
   * WebSocket may miss the end of a connection the relay drops.
   */
  static final ClientOptions FAST_RECONNECT = ClientOptions.builder()
      .reconnectDelay(Duration.ofMillis(20)).maxReconnectDelay(Duration.ofMillis(200))
      .pingInterval(Duration.ofMillis(300)).pongTimeout(Duration.ofMillis(300)).build();

  private final Feeds feeds = new Feeds();
  private final TestServer test = ParleyTest.http(feeds.server());
  private final List<ParleyClient<?>> clients = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() {
    clients.forEach(ParleyClient::close);
    test.close();
  }

  private ParleyClient<Shared> client(Via via) {
    return client(via, Role.SHARED, null);
  }

  private <R extends Shared> ParleyClient<R> client(Via via, Role<R> role, String token) {
    ClientOptions.Builder options = FAST_RECONNECT.toBuilder();
    if (token != null && via == Via.WEBSOCKET) {
      options.connectionParam("token", token);
    } else if (token != null) {
      options.header("authorization", "Bearer " + token);
    }
    ParleyClient<R> client = switch (via) {
      case IN_PROCESS -> ParleyClient.inProcess(test.server().invoker(
          token == null ? Identity.anonymous() : Identity.of(MEMBER, "ada")), role);
      case SSE_HTTP_1_1 -> ParleyClient.http(test.uri(), Feeds.CONTRACT, role,
          options.httpVersion(HttpClient.Version.HTTP_1_1).build());
      case SSE_FROM_AN_HTTP_2_CLIENT -> ParleyClient.http(test.uri(), Feeds.CONTRACT, role,
          options.httpVersion(HttpClient.Version.HTTP_2).build());
      case WEBSOCKET -> ParleyClient.websocket(test.socketUri(), Feeds.CONTRACT, role,
          options.build());
    };
    clients.add(client);
    return client;
  }

  @ParameterizedTest
  @EnumSource(Via.class)
  void deliversTrackedValuesInOrderThenCompletes(Via via) {
    Subscribed<Tick> ticks = ParleyTest.subscribe(client(via), TICKS, new Count(5));

    ticks.awaitCompletion();

    assertThat(ticks.values()).extracting(Tick::n).containsExactly(0L, 1L, 2L, 3L, 4L);
    assertThat(ticks.ids()).containsExactly("0", "1", "2", "3", "4");
    assertThat(ticks.subscription().lastEventId()).hasValue("4");
    assertThat(ticks.subscription().isDone()).isTrue();
    assertThat(ticks.error()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Via.class)
  void endsWithTheHandlersErrorTypedAfterItsValues(Via via) {
    Subscribed<Tick> fails = ParleyTest.subscribe(client(via), FAILS);

    ParleyException error = fails.awaitError();

    assertThat(error).isInstanceOf(ParleyClientException.class);
    assertThat(error.code()).isEqualTo(ErrorCode.CONFLICT);
    assertThat(error.getMessage()).isEqualTo("the feed broke");
    assertThat(fails.values()).containsExactly(new Tick(1));
    assertThat(fails.isCompleted()).isFalse();
  }

  @ParameterizedTest
  @EnumSource(Via.class)
  void refusesABadInputWithItsIssues(Via via) {
    ParleyException error = ParleyTest.subscribe(client(via), TICKS, new Count(0)).awaitError();

    assertThat(error.code()).isEqualTo(ErrorCode.BAD_REQUEST);
    assertThat(error.issues()).extracting(i -> i.path()).containsExactly("count");
  }

  @ParameterizedTest
  @EnumSource(Via.class)
  void refusesASubscriptionOutsideTheCallersRoleAsNotFound(Via via) {
    ParleyClient<Member> claimsMember = client(via, MEMBER, null);
    ParleyClient<Member> member = client(via, MEMBER, Feeds.MEMBER_TOKEN);

    Subscribed<String> refused = ParleyTest.subscribe(claimsMember, SECRET);
    Subscribed<String> served = ParleyTest.subscribe(member, SECRET);

    assertThat(refused.awaitError().code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(refused.values()).isEmpty();
    assertThat(served.awaitCompletion().values()).containsExactly("for ada");
  }

  @ParameterizedTest
  @EnumSource(value = Via.class, names = {"SSE_HTTP_1_1", "WEBSOCKET"})
  void endsWithUnauthorizedWhenTheServerRefusesTheCredentials(Via via) {
    ParleyClient<Member> refused = client(via, MEMBER, Feeds.REFUSED_TOKEN);

    ParleyException error = ParleyTest.subscribe(refused, SECRET).awaitError();

    assertThat(error.code()).isEqualTo(ErrorCode.UNAUTHORIZED);
    assertThat(error.getMessage()).contains("this token is refused");
    if (via == Via.WEBSOCKET) {
      eventually(() -> refused.connectionState() == ConnectionState.CLOSED);
    }
  }

  @ParameterizedTest
  @EnumSource(Via.class)
  void stopCancelsTheServersHandlerAndTheListenerHearsNothingMore(Via via) {
    Subscribed<Tick> forever = ParleyTest.subscribe(client(via), FOREVER);
    forever.awaitValues(2);
    assertThat(feeds.live).hasValue(1);

    forever.subscription().stop();
    int heard = forever.values().size();

    eventually(() -> feeds.live.get() == 0);
    assertThat(forever.values()).hasSize(heard);
    assertThat(forever.error()).isEmpty();
    assertThat(forever.isCompleted()).isFalse();
    assertThat(forever.subscription().isDone()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(Via.class)
  void stopFromWithinTheListenerEndsItAtOnce(Via via) {
    List<Long> heard = new CopyOnWriteArrayList<>();
    ClientSubscription[] handle = new ClientSubscription[1];
    Object started = new Object();
    ClientSubscription s = client(via).subscribe(FOREVER, (tick, id) -> {
      heard.add(tick.n());
      if (tick.n() == 2) {
        synchronized (started) {
          while (handle[0] == null) {
            try {
              started.wait();
            } catch (InterruptedException e) {
              throw new AssertionError(e);
            }
          }
        }
        handle[0].stop();
      }
    });
    synchronized (started) {
      handle[0] = s;
      started.notifyAll();
    }

    eventually(s::isDone);
    eventually(() -> feeds.live.get() == 0);
    assertThat(heard).containsExactly(0L, 1L, 2L);
  }

  @ParameterizedTest
  @EnumSource(Via.class)
  void closingTheClientEndsLiveSubscriptionsAndTheirHandlers(Via via) {
    ParleyClient<Shared> client = client(via);
    Subscribed<Tick> forever = ParleyTest.subscribe(client, FOREVER);
    forever.awaitValues(1);

    client.close();

    assertThat(forever.awaitError().code()).isEqualTo(ErrorCode.CLIENT_CLOSED_REQUEST);
    eventually(() -> feeds.live.get() == 0);
    assertThat(client.connectionState()).isEqualTo(ConnectionState.CLOSED);
    assertThat(ParleyTest.subscribe(client, FOREVER).awaitError().code())
        .isEqualTo(ErrorCode.CLIENT_CLOSED_REQUEST);
  }

  @ParameterizedTest
  @EnumSource(value = Via.class, names = {"SSE_HTTP_1_1", "SSE_FROM_AN_HTTP_2_CLIENT", "WEBSOCKET"})
  void resumesAfterADroppedConnectionWithNothingLostOrDoubled(Via via) throws Exception {
    try (Relay relay = new Relay(test.uri().getPort());
        ParleyClient<Shared> client = via == Via.WEBSOCKET
            ? ParleyClient.websocket(relay.uri(test.socketUri()), Feeds.CONTRACT, FAST_RECONNECT)
            : ParleyClient.http(relay.uri(test.uri()), Feeds.CONTRACT,
                FAST_RECONNECT.toBuilder().httpVersion(version(via)).build())) {
      Subscribed<Tick> feed = ParleyTest.subscribe(client, FEED, Feeds.FROM_THE_START);
      feeds.publish(1, 5);
      feed.awaitValues(5);

      relay.dropAll();
      feeds.publish(6, 10);

      assertThat(feed.awaitValues(10)).extracting(Tick::n)
          .containsExactlyElementsOf(LongStream.rangeClosed(1, 10).boxed().toList());
      feeds.publish(11, 12);
      feed.awaitValues(12);
      assertThat(feed.values()).extracting(Tick::n)
          .containsExactlyElementsOf(LongStream.rangeClosed(1, 12).boxed().toList());
      assertThat(feed.subscription().lastEventId()).hasValue("12");
      assertThat(relay.accepted()).isGreaterThan(1);
    }
  }

  static HttpClient.Version version(Via via) {
    return via == Via.SSE_FROM_AN_HTTP_2_CLIENT ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1;
  }

  /** Waits, at most 10 seconds, until {@code condition} holds. */
  static void eventually(BooleanSupplier condition) {
    long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > until) {
        throw new AssertionError("the condition did not hold within 10 seconds");
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
