package dev.parley.testing;

import static dev.parley.testing.SubscribeTest.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.ErrorCode;
import dev.parley.ParleyException;
import dev.parley.Role;
import dev.parley.Shared;
import dev.parley.client.ParleyClient;
import dev.parley.client.Registration;
import dev.parley.server.Connection;
import dev.parley.server.Delivery;
import dev.parley.server.Recipients;
import dev.parley.server.Room;
import dev.parley.testing.Plaza.Note;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Server events through the real server and Java WebSocket clients: recipients picked by
 * connection, principal, room, role and filter; {@code optional}; awaited delivery; the role
 * boundary; connections, their listeners and rooms ending with them.
 */
class ServerEventsTest {
  private final dev.parley.server.ParleyServer<dev.parley.server.Identity<String>> server =
      Plaza.server();
  private final List<Connection<?>> connected = new CopyOnWriteArrayList<>();
  private final List<Connection<?>> disconnected = new CopyOnWriteArrayList<>();
  private final TestServer test;

  ServerEventsTest() {
    server.onConnect(connected::add);
    server.onDisconnect(disconnected::add);
    test = ParleyTest.http(server);
  }

  @AfterEach
  void close() {
    test.close();
  }

  /** A client that listens to {@code news}, with what it heard. */
  private record Listener(ParleyClient<?> client, BlockingQueue<String> heard, Connection<?> conn) {}

  private <R extends Shared> Listener listener(Role<R> role, String token) {
    ParleyClient<R> c = Plaza.client(test, role, token);
    BlockingQueue<String> heard = new LinkedBlockingQueue<>();
    int before = connected.size();
    c.on(Plaza.NEWS, n -> heard.add(n.text()));
    eventually(() -> connected.size() > before);
    return new Listener(c, heard, connected.get(before));
  }

  /**
   * What each listener heard of {@code news} up to a fence sent to everyone after it: exact, since
   * one connection's messages arrive in order.
   */
  private static Map<Listener, List<String>> heardUpToFence(
      dev.parley.server.ParleyServer<?> server, Listener... all) throws InterruptedException {
    server.emit(Plaza.NEWS, Recipients.everyone(), new Note("fence"));
    Map<Listener, List<String>> out = new java.util.LinkedHashMap<>();
    for (Listener l : all) {
      List<String> got = new ArrayList<>();
      while (true) {
        String s = l.heard().poll(5, TimeUnit.SECONDS);
        assertThat(s).as("the fence").isNotNull();
        if (s.equals("fence")) {
          break;
        }
        got.add(s);
      }
      out.put(l, got);
    }
    return out;
  }

  @Test
  void recipientsArePickedByConnectionPrincipalRoomRoleAndFilter() throws Exception {
    Listener alice = listener(Plaza.USER, "user:alice");
    Listener bob = listener(Plaza.USER, "user:bob");
    Listener agentAlice = listener(Plaza.AGENT, "agent:alice");
    assertThat(alice.conn().identity().principal()).isEqualTo("alice");
    assertThat(server.connectionsOf("alice")).containsExactlyInAnyOrder(alice.conn(), agentAlice.conn());

    server.emit(Plaza.NEWS, Recipients.connection(bob.conn()), new Note("to bob"));
    assertThat(heardUpToFence(server, alice, bob, agentAlice).values())
        .containsExactly(List.of(), List.of("to bob"), List.of());

    server.emit(Plaza.NEWS, Recipients.principal("alice"), new Note("to alice"));
    assertThat(heardUpToFence(server, alice, bob, agentAlice).values())
        .containsExactly(List.of("to alice"), List.of(), List.of("to alice"));

    Room room = server.room("lobby");
    room.join(bob.conn());
    room.join(agentAlice.conn());
    server.emit(Plaza.NEWS, Recipients.room(room), new Note("to the lobby"));
    assertThat(heardUpToFence(server, alice, bob, agentAlice).values())
        .containsExactly(List.of(), List.of("to the lobby"), List.of("to the lobby"));

    server.emit(Plaza.NEWS, Recipients.role(Plaza.USER), new Note("to users"));
    assertThat(heardUpToFence(server, alice, bob, agentAlice).values())
        .containsExactly(List.of("to users"), List.of("to users"), List.of());

    Delivery d = server.emit(Plaza.NEWS,
        Recipients.filter(c -> c.role().equals(Plaza.AGENT) || "bob".equals(c.identity().principal())),
        new Note("filtered"));
    assertThat(d).isEqualTo(new Delivery(2, 2, 0));
    assertThat(heardUpToFence(server, alice, bob, agentAlice).values())
        .containsExactly(List.of(), List.of("filtered"), List.of("filtered"));

    server.emit(Plaza.NEWS, Recipients.room(room).and(c -> c != bob.conn()), new Note("narrowed"));
    assertThat(heardUpToFence(server, alice, bob, agentAlice).values())
        .containsExactly(List.of(), List.of(), List.of("narrowed"));
  }

  @Test
  void anEventOfOneRoleReachesOnlyConnectionsOfThatRoleWhateverTheRecipientsSay() throws Exception {
    ParleyClient<Plaza.User> user = Plaza.client(test, Plaza.USER, "user:u");
    ParleyClient<Plaza.Agent> agent = Plaza.client(test, Plaza.AGENT, "agent:a");
    BlockingQueue<String> userHeard = new LinkedBlockingQueue<>();
    BlockingQueue<String> agentHeard = new LinkedBlockingQueue<>();
    user.on(Plaza.USER_NEWS, n -> userHeard.add("user " + n.text()));
    agent.on(Plaza.AGENT_NEWS, n -> agentHeard.add("agent " + n.text()));
    eventually(() -> connected.size() == 2);
    Connection<?> agentConn = server.connectionsOf("a").get(0);

    assertThat(server.emit(Plaza.USER_NEWS, Recipients.everyone(), new Note("1")))
        .isEqualTo(new Delivery(1, 1, 0));
    assertThat(server.emit(Plaza.AGENT_NEWS, Recipients.role(Plaza.USER).optional(), new Note("2")))
        .isEqualTo(new Delivery(0, 0, 0));
    assertThatThrownBy(() -> server.emit(Plaza.USER_NEWS, Recipients.connection(agentConn),
        new Note("3"))).isInstanceOfSatisfying(ParleyException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    assertThat(server.emit(Plaza.AGENT_NEWS, Recipients.everyone(), new Note("4")))
        .isEqualTo(new Delivery(1, 1, 0));
    assertThat(userHeard.poll(5, TimeUnit.SECONDS)).isEqualTo("user 1");
    assertThat(agentHeard.poll(5, TimeUnit.SECONDS)).isEqualTo("agent 4");
    assertThat(userHeard.poll(100, TimeUnit.MILLISECONDS)).isNull();
    assertThat(agentHeard.poll(100, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void anEventNobodyReceivesFailsUnlessOptional() {
    assertThatThrownBy(() -> server.emit(Plaza.NEWS, Recipients.everyone(), new Note("x")))
        .isInstanceOfSatisfying(ParleyException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    assertThat(server.emit(Plaza.NEWS, Recipients.everyone().optional(), new Note("x")))
        .isEqualTo(new Delivery(0, 0, 0));
  }

  @Test
  void anAwaitedEventCompletesWithHowManyItWasWrittenTo() throws Exception {
    Listener a = listener(Plaza.USER, "user:a");
    Listener b = listener(Plaza.USER, "user:b");
    Delivery d = server.emitAndWait(Plaza.NEWS, Recipients.everyone(), new Note("hi"))
        .get(5, TimeUnit.SECONDS);
    assertThat(d).isEqualTo(new Delivery(2, 2, 0));
    assertThat(a.heard().poll(5, TimeUnit.SECONDS)).isEqualTo("hi");
    assertThat(b.heard().poll(5, TimeUnit.SECONDS)).isEqualTo("hi");
  }

  @Test
  void aStoppedListenerHearsNoMore() throws Exception {
    ParleyClient<Plaza.User> c = Plaza.client(test, Plaza.USER, "user:a");
    BlockingQueue<String> one = new LinkedBlockingQueue<>();
    BlockingQueue<String> two = new LinkedBlockingQueue<>();
    Registration r = c.on(Plaza.NEWS, n -> one.add(n.text()));
    c.on(Plaza.NEWS, n -> two.add(n.text()));
    eventually(() -> connected.size() == 1);
    server.emit(Plaza.NEWS, Recipients.everyone(), new Note("1"));
    assertThat(one.poll(5, TimeUnit.SECONDS)).isEqualTo("1");
    r.close();
    server.emit(Plaza.NEWS, Recipients.everyone(), new Note("2"));
    assertThat(two.poll(5, TimeUnit.SECONDS)).isEqualTo("1");
    assertThat(two.poll(5, TimeUnit.SECONDS)).isEqualTo("2");
    assertThat(one.poll(100, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void roomMembershipAndTheConnectionEndWithTheConnection() throws Exception {
    Listener a = listener(Plaza.USER, "user:a");
    Listener b = listener(Plaza.USER, "user:b");
    Room room = server.room("lobby");
    assertThat(room.join(a.conn())).isTrue();
    assertThat(room.join(a.conn())).isFalse();
    assertThat(room.join(b.conn())).isTrue();
    assertThat(room.size()).isEqualTo(2);
    b.client().close();
    eventually(() -> room.size() == 1);
    assertThat(room.members()).containsExactly(a.conn());
    eventually(() -> disconnected.size() == 1);
    assertThat(disconnected).containsExactly(b.conn());
    assertThat(b.conn().isOpen()).isFalse();
    assertThat(server.connection(b.conn().id())).isEmpty();
    assertThat(server.connections()).containsExactly(a.conn());
    assertThat(room.join(b.conn())).as("an ended connection joins nothing").isFalse();
    assertThat(server.room("lobby")).isSameAs(room);
    assertThat(room.leave(a.conn())).isTrue();
    assertThat(room.size()).isZero();
  }

  @Test
  void afterAReconnectTheClientSaysHelloAgainAndHearsNewEventsOnly() throws Exception {
    Listener a = listener(Plaza.USER, "user:a");
    server.revoke(id -> "a".equals(id.principal())); // closes its connection; the client reconnects
    eventually(() -> disconnected.size() == 1 && connected.size() == 2);
    Connection<?> again = connected.get(1);
    assertThat(again).isNotEqualTo(a.conn());
    assertThat(again.identity().principal()).isEqualTo("a");
    server.emit(Plaza.NEWS, Recipients.connection(again), new Note("after"));
    assertThat(a.heard().poll(5, TimeUnit.SECONDS)).isEqualTo("after");
  }
}
