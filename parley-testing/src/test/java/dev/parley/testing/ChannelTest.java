package dev.parley.testing;

import static dev.parley.testing.SubscribeTest.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.parley.ErrorCode;
import dev.parley.Role;
import dev.parley.Shared;
import dev.parley.client.ChannelConnection;
import dev.parley.client.ClientOptions;
import dev.parley.client.ParleyClient;
import dev.parley.client.ParleyClientException;
import dev.parley.server.ServerOptions;
import dev.parley.testing.Lobby.Join;
import dev.parley.testing.Lobby.RoomId;
import dev.parley.testing.Lobby.Said;
import dev.parley.testing.Lobby.Say;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Channels through the real server and transport with Java WebSocket clients: Covenant's connect,
 * token and send, messages routed by params, refusals with their codes, and {@code onDisconnect}
 * once whatever ended the channel connection.
 */
class ChannelTest {
  private static final ClientOptions FAST = SubscribeTest.FAST_RECONNECT; // pings find a lost connection
  private static final RoomId GENERAL = new RoomId("general");

  private final Lobby lobby = new Lobby();
  private TestServer test = ParleyTest.http(lobby.server());
  private final BlockingQueue<Object> errors = new LinkedBlockingQueue<>();

  @AfterEach
  void close() {
    test.close();
  }

  private ParleyClient<Shared> client() {
    return test.websocket(Role.SHARED, FAST);
  }

  private ChannelConnection<Say> join(ParleyClient<Shared> client, RoomId room, String name,
      BlockingQueue<Said> heard) {
    return client.connect(Lobby.ROOM, room, new Join(name), heard::add, errors::add);
  }

  private static Said next(BlockingQueue<Said> heard) throws InterruptedException {
    Said s = heard.poll(10, TimeUnit.SECONDS);
    assertThat(s).as("a message within 10 s").isNotNull();
    return s;
  }

  @Test
  void messagesGoBothWaysToEveryConnectionOfTheSameParamsOnly() throws Exception {
    BlockingQueue<Said> ada = new LinkedBlockingQueue<>();
    BlockingQueue<Said> bob = new LinkedBlockingQueue<>();
    BlockingQueue<Said> cy = new LinkedBlockingQueue<>();
    ChannelConnection<Say> adaRoom = join(client(), GENERAL, "ada", ada);
    join(client(), GENERAL, "bob", bob);
    ChannelConnection<Say> cyRoom = join(client(), new RoomId("other"), "cy", cy);

    adaRoom.send(new Say("hello"));
    cyRoom.send(new Say("elsewhere"));

    assertThat(next(ada)).isEqualTo(new Said("ada", "hello"));
    assertThat(next(bob)).isEqualTo(new Said("ada", "hello"));
    assertThat(next(cy)).isEqualTo(new Said("cy", "elsewhere"));
    assertThat(ada.poll(200, TimeUnit.MILLISECONDS)).isNull();
    assertThat(bob).isEmpty();
    assertThat(adaRoom.token()).isNotBlank().isNotEqualTo(cyRoom.token());
  }

  @Test
  void serverSendReachesEveryConnectionOfTheParamsAndCountsThem() throws Exception {
    BlockingQueue<Said> ada = new LinkedBlockingQueue<>();
    BlockingQueue<Said> bob = new LinkedBlockingQueue<>();
    join(client(), GENERAL, "ada", ada);
    join(client(), GENERAL, "bob", bob);

    @SuppressWarnings("unchecked")
    var server = (dev.parley.server.ParleyServer<Object>) test.server();
    assertThat(server.send(Lobby.ROOM, GENERAL, new Said("server", "news"))).isEqualTo(2);
    assertThat(server.send(Lobby.ROOM, new RoomId("empty"), new Said("server", "x"))).isZero();

    assertThat(next(ada)).isEqualTo(new Said("server", "news"));
    assertThat(next(bob)).isEqualTo(new Said("server", "news"));
  }

  @Test
  void aServerMessageThatDoesNotFitItsSchemaNeverLeaves() {
    @SuppressWarnings("unchecked")
    var server = (dev.parley.server.ParleyServer<Object>) test.server();
    assertThatThrownBy(() -> server.send(Lobby.ROOM, GENERAL, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("room");
  }

  @Test
  void aConnectRefusedByOnConnectThrowsItsCodeAndNeverDisconnects() {
    assertThatThrownBy(() -> join(client(), GENERAL, "mallory", new LinkedBlockingQueue<>()))
        .isInstanceOfSatisfying(ParleyClientException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN);
          assertThat(e.getMessage()).contains("mallory is banned");
        });
    assertThat(lobby.left).isEmpty();
  }

  @Test
  void paramsOrARequestThatDoNotFitTheirSchemaAreRefusedBadRequest() {
    ParleyClient<Shared> client = client();
    assertThatThrownBy(() -> join(client, new RoomId(" "), "ada", new LinkedBlockingQueue<>()))
        .isInstanceOfSatisfying(ParleyClientException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
    assertThatThrownBy(() -> join(client, GENERAL, "", new LinkedBlockingQueue<>()))
        .isInstanceOfSatisfying(ParleyClientException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
          assertThat(e.issues()).isNotEmpty();
        });
    assertThat(client.query(Lobby.PING)).isEqualTo("pong"); // the connection stays
  }

  @Test
  void aChannelOfAnotherRoleIsNotFound() {
    ParleyClient<Lobby.Admin> pretender = test.websocket(Lobby.ADMIN, FAST); // not admin on the server
    assertThatThrownBy(() -> pretender.connect(Lobby.BACKSTAGE, GENERAL, new Join("eve"),
        m -> {}, errors::add))
        .isInstanceOfSatisfying(ParleyClientException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    ParleyClient<Lobby.Admin> admin = test.websocket(Lobby.ADMIN, FAST.toBuilder()
        .header("x-role", "admin").build());
    assertThat(admin.connect(Lobby.BACKSTAGE, GENERAL, new Join("root"), m -> {}, errors::add)
        .isOpen()).isTrue();
  }

  @Test
  void aFailingOnMessageIsAnsweredAsAnErrorWithoutItsDetailAndTheChannelStays() throws Exception {
    BlockingQueue<Said> ada = new LinkedBlockingQueue<>();
    ChannelConnection<Say> room = join(client(), GENERAL, "ada", ada);
    room.send(new Say("boom"));
    Object error = errors.poll(10, TimeUnit.SECONDS);
    assertThat(error).isInstanceOfSatisfying(ParleyClientException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL_SERVER_ERROR);
      assertThat(e.getMessage()).doesNotContain("secret detail");
    });
    room.send(new Say("still here"));
    assertThat(next(ada)).isEqualTo(new Said("ada", "still here"));
  }

  @Test
  void connectsPastTheLimitAreRefusedTooManyRequests() {
    test.close();
    test = ParleyTest.http(lobby.server(ServerOptions.builder().socketMaxChannels(1).build()));
    ParleyClient<Shared> client = client();
    join(client, GENERAL, "ada", new LinkedBlockingQueue<>());
    assertThatThrownBy(() -> join(client, new RoomId("b"), "ada", new LinkedBlockingQueue<>()))
        .isInstanceOfSatisfying(ParleyClientException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.TOO_MANY_REQUESTS));
  }

  @Test
  void onDisconnectRunsOnceWhenTheClientLeaves() throws Exception {
    ParleyClient<Shared> client = client();
    ChannelConnection<Say> room = join(client, GENERAL, "ada", new LinkedBlockingQueue<>());
    room.close();
    room.close();
    eventually(() -> lobby.left.size() == 1);
    client.close();
    Thread.sleep(200);
    assertThat(lobby.left).containsExactly("general/ada");
    assertThat(room.isOpen()).isFalse();
    assertThatThrownBy(() -> room.send(new Say("late")))
        .isInstanceOfSatisfying(ParleyClientException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CLIENT_CLOSED_REQUEST));
  }

  @Test
  void onDisconnectRunsOnceWhenTheWebSocketCloses() throws Exception {
    ParleyClient<Shared> client = client();
    join(client, GENERAL, "ada", new LinkedBlockingQueue<>());
    join(client, new RoomId("other"), "ada", new LinkedBlockingQueue<>());
    client.close();
    eventually(() -> lobby.left.size() == 2);
    Thread.sleep(200);
    assertThat(lobby.left).containsExactlyInAnyOrder("general/ada", "other/ada");
  }

  @Test
  void onDisconnectRunsOnceOnNetworkLossAndTheClientConnectsAgain() throws Exception {
    try (Relay relay = new Relay(test.uri().getPort());
        ParleyClient<Shared> client = ParleyClient.websocket(relay.uri(test.socketUri()),
            Lobby.CONTRACT, FAST)) {
      BlockingQueue<Said> ada = new LinkedBlockingQueue<>();
      ChannelConnection<Say> room = join(client, GENERAL, "ada", ada);
      String first = room.token();

      relay.dropAll();
      eventually(() -> lobby.left.size() == 1);
      // connected again by itself: a new onConnect, a new token
      try {
        eventually(() -> !room.token().isEmpty() && !room.token().equals(first));
      } catch (AssertionError e) {
        throw new AssertionError("token " + room.token() + " (was " + first + "), open "
            + room.isOpen() + ", client " + client.connectionState() + ", errors " + errors
            + ", accepted " + relay.accepted(), e);
      }
      room.send(new Say("back"));

      assertThat(next(ada)).isEqualTo(new Said("ada", "back"));
      assertThat(room.token()).isNotEqualTo(first);
      assertThat(lobby.left).containsExactly("general/ada");
    }
    eventually(() -> lobby.left.size() == 2);
  }

  @Test
  void atMost256MessagesWaitWhileTheChannelIsDisconnected() throws Exception {
    try (ParleyClient<Shared> client = ParleyClient.websocket(test.socketUri(), Lobby.CONTRACT,
        FAST)) {
      ChannelConnection<Say> room = join(client, GENERAL, "ada", new LinkedBlockingQueue<>());
      test.close(); // the server goes away: the channel waits to connect again
      eventually(() -> client.connectionState() != dev.parley.client.ConnectionState.OPEN);
      for (int i = 0; i < 256; i++) {
        room.send(new Say("m" + i));
      }

      assertThat(catchThrowableOfType(ParleyClientException.class,
          () -> room.send(new Say("one too many"))).code())
          .isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
      assertThat(room.isOpen()).as("the channel stays, its messages waiting").isTrue();
    }
  }

  @Test
  void onDisconnectRunsOnceOnServerShutdown() throws Exception {
    join(client(), GENERAL, "ada", new LinkedBlockingQueue<>());
    join(client(), GENERAL, "bob", new LinkedBlockingQueue<>());
    test.close();
    eventually(() -> lobby.left.size() == 2);
    Thread.sleep(200);
    assertThat(lobby.left).containsExactlyInAnyOrder("general/ada", "general/bob");
  }

  @Test
  void aClientOverHttpHasNoChannels() {
    assertThatThrownBy(() -> test.client().connect(Lobby.ROOM, GENERAL, new Join("ada"),
        m -> {}, errors::add))
        .isInstanceOfSatisfying(ParleyClientException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.METHOD_NOT_SUPPORTED));
    assertThat(List.copyOf(errors)).isEmpty();
  }
}
