package dev.parley.testing;

import static dev.parley.testing.SubscribeTest.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Shared;
import dev.parley.client.ParleyClient;
import dev.parley.server.Broker;
import dev.parley.server.Connection;
import dev.parley.server.Delivery;
import dev.parley.server.Identity;
import dev.parley.server.ParleyServer;
import dev.parley.server.Recipients;
import dev.parley.testing.Cluster.Counter;
import dev.parley.testing.Cluster.Join;
import dev.parley.testing.Cluster.Note;
import dev.parley.testing.Cluster.RoomId;
import dev.parley.testing.Cluster.Said;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes, each a real server on Jetty, sharing one in-memory broker, with Java WebSocket
 * clients connected to one node or the other: what is published, sent, invalidated, emitted or set
 * on one node reaches the connections of both, once each; a node with a broker of its own hears
 * nothing of them; a malformed message from the broker is dropped and counted.
 */
class BrokerTest {
  private static final RoomId GENERAL = new RoomId("general");

  private final Broker broker = Broker.inMemory();
  private final Cluster app = new Cluster();
  private final List<TestServer> servers = new ArrayList<>();
  private final TestServer a = start(app.node(broker));
  private final TestServer b = start(app.node(broker));
  private final BlockingQueue<Object> errors = new LinkedBlockingQueue<>();

  @AfterEach
  void close() {
    try {
      assertThat(errors).isEmpty();
    } finally {
      servers.forEach(TestServer::close);
      broker.close();
    }
  }

  private TestServer start(ParleyServer<?> server) {
    TestServer test = ParleyTest.http(server);
    servers.add(test);
    return test;
  }

  @SuppressWarnings("unchecked")
  private static ParleyServer<Identity<String>> server(TestServer test) {
    return (ParleyServer<Identity<String>>) test.server();
  }

  private static <T> T next(BlockingQueue<T> heard) throws InterruptedException {
    T t = heard.poll(10, TimeUnit.SECONDS);
    assertThat(t).as("a message within 10 s").isNotNull();
    return t;
  }

  private static void nothingMore(BlockingQueue<?>... queues) throws InterruptedException {
    Thread.sleep(200);
    for (BlockingQueue<?> q : queues) {
      assertThat(q).isEmpty();
    }
  }

  @Test
  void aTopicMessagePublishedOnOneNodeReachesTheSubscribersOfEveryNodeOnce() throws Exception {
    BlockingQueue<Note> onA = new LinkedBlockingQueue<>();
    BlockingQueue<Note> onB = new LinkedBlockingQueue<>();
    BlockingQueue<Note> otherRoom = new LinkedBlockingQueue<>();
    a.websocket().subscribe(Cluster.CHATTER, GENERAL, onA::add, errors::add);
    b.websocket().subscribe(Cluster.CHATTER, GENERAL, onB::add, errors::add);
    b.websocket().subscribe(Cluster.CHATTER, new RoomId("other"), otherRoom::add, errors::add);

    assertThat(server(a).publish(Cluster.CHATTER, GENERAL, new Note("hi"))).isEqualTo(1);

    assertThat(next(onA)).isEqualTo(new Note("hi"));
    assertThat(next(onB)).isEqualTo(new Note("hi"));
    nothingMore(onA, onB, otherRoom);
  }

  @Test
  void aChannelMessageSentOnOneNodeReachesTheChannelConnectionsOfEveryNodeOnce() throws Exception {
    BlockingQueue<Said> ada = new LinkedBlockingQueue<>();
    BlockingQueue<Said> bob = new LinkedBlockingQueue<>();
    var onA = a.websocket().connect(Cluster.ROOM, GENERAL, new Join("ada"), ada::add, errors::add);
    b.websocket().connect(Cluster.ROOM, GENERAL, new Join("bob"), bob::add, errors::add);

    onA.send(new Note("hello")); // node A's onMessage sends it to the room

    assertThat(next(ada)).isEqualTo(new Said("ada", "hello"));
    assertThat(next(bob)).isEqualTo(new Said("ada", "hello"));
    nothingMore(ada, bob);
  }

  @Test
  void anInvalidationOnOneNodeMakesTheWatchersOfEveryNodeRefetch() throws Exception {
    BlockingQueue<Object> heard = new LinkedBlockingQueue<>();
    b.websocket().listen(Cluster.COUNT, null, heard::add, errors::add);
    assertThat(next(heard)).isEqualTo(0);

    assertThat(a.client().mutate(Cluster.BUMP)).isEqualTo(1); // a mutation's own invalidation
    assertThat(next(heard)).isEqualTo(1);

    app.count.set(7); // changed outside a mutation
    server(a).invalidate("count");
    assertThat(next(heard)).isEqualTo(7);
    nothingMore(heard);
  }

  private record Listener(BlockingQueue<String> heard, Connection<?> connection) {}

  private <R extends Shared> Listener listener(TestServer on, dev.parley.Role<R> role, String name)
      throws InterruptedException {
    ParleyClient<R> client = Cluster.client(on, role, role.name() + ":" + name);
    BlockingQueue<String> heard = new LinkedBlockingQueue<>();
    client.on(Cluster.NEWS, n -> heard.add(n.text()));
    eventually(() -> !server(on).connectionsOf(name).isEmpty());
    return new Listener(heard, server(on).connectionsOf(name).get(0));
  }

  @Test
  void anEventToEveryoneAPrincipalARoomOrARoleReachesTheConnectionsOfEveryNode() throws Exception {
    Listener bob = listener(a, Cluster.USER, "bob");
    Listener ada = listener(b, Cluster.USER, "ada");
    Listener bot = listener(b, Cluster.AGENT, "bot");
    server(b).room("lobby").join(ada.connection());
    ParleyServer<Identity<String>> nodeA = server(a);

    nodeA.emit(Cluster.NEWS, Recipients.everyone(), new Note("all"));
    assertThat(List.of(next(bob.heard), next(ada.heard), next(bot.heard)))
        .containsOnly("all");

    Delivery toAda = nodeA.emit(Cluster.NEWS, Recipients.principal("ada"), new Note("ada"));
    assertThat(toAda).isEqualTo(new Delivery(0, 0, 0)); // none here, and no NOT_FOUND
    assertThat(next(ada.heard)).isEqualTo("ada");

    nodeA.emit(Cluster.NEWS, Recipients.room(nodeA.room("lobby")), new Note("lobby"));
    assertThat(next(ada.heard)).isEqualTo("lobby");

    nodeA.emit(Cluster.NEWS, Recipients.role(Cluster.AGENT), new Note("agents"));
    assertThat(next(bot.heard)).isEqualTo("agents");

    nodeA.emit(Cluster.NEWS, Recipients.filter(c -> true), new Note("local"));
    assertThat(next(bob.heard)).isEqualTo("local"); // a filter is local by nature
    nothingMore(bob.heard, ada.heard, bot.heard);
  }

  @Test
  void aSharedStateSetOnOneNodeReachesTheObserversOfEveryNode() throws Exception {
    BlockingQueue<Counter> onB = new LinkedBlockingQueue<>();
    b.websocket().observe(Cluster.COUNTER, onB::add, errors::add);

    server(a).state(Cluster.COUNTER).set(new Counter(1));
    server(a).state(Cluster.COUNTER).update(c -> new Counter(c.value() + 1));

    assertThat(next(onB)).isEqualTo(new Counter(1));
    assertThat(next(onB)).isEqualTo(new Counter(2));
    assertThat(server(b).state(Cluster.COUNTER).get()).contains(new Counter(2));
    nothingMore(onB);
  }

  @Test
  void aSharedStateAClientSetsOnOneNodeReachesTheObserversOfEveryNode() throws Exception {
    BlockingQueue<Integer> onB = new LinkedBlockingQueue<>();
    BlockingQueue<Integer> onA = new LinkedBlockingQueue<>();
    b.websocket().observe(Cluster.LIKES, onB::add, errors::add);
    ParleyClient<Shared> setter = a.websocket();
    setter.observe(Cluster.LIKES, onA::add, errors::add);

    setter.set(Cluster.LIKES, 3);

    assertThat(next(onA)).isEqualTo(3);
    assertThat(next(onB)).isEqualTo(3);
    assertThat(server(b).state(Cluster.LIKES).get()).contains(3);
    nothingMore(onA, onB);
  }

  @Test
  void aNodeWithABrokerOfItsOwnOrNoneNeitherHearsNorReachesTheOthers() throws Exception {
    Broker own = Broker.inMemory();
    TestServer apart = start(app.node(own));
    TestServer alone = start(app.node(null));
    BlockingQueue<Note> onB = new LinkedBlockingQueue<>();
    BlockingQueue<Note> onApart = new LinkedBlockingQueue<>();
    BlockingQueue<Note> onAlone = new LinkedBlockingQueue<>();
    b.websocket().subscribe(Cluster.CHATTER, GENERAL, onB::add, errors::add);
    apart.websocket().subscribe(Cluster.CHATTER, GENERAL, onApart::add, errors::add);
    alone.websocket().subscribe(Cluster.CHATTER, GENERAL, onAlone::add, errors::add);

    server(apart).publish(Cluster.CHATTER, GENERAL, new Note("apart"));
    server(alone).publish(Cluster.CHATTER, GENERAL, new Note("alone"));
    server(a).publish(Cluster.CHATTER, GENERAL, new Note("cluster"));

    assertThat(next(onB)).isEqualTo(new Note("cluster"));
    assertThat(next(onApart)).isEqualTo(new Note("apart"));
    assertThat(next(onAlone)).isEqualTo(new Note("alone"));
    nothingMore(onB, onApart, onAlone);
    own.close();
  }

  @Test
  void aMalformedMessageFromTheBrokerIsDroppedAndCountedAndTheNodeKeepsServing() throws Exception {
    BlockingQueue<Note> onB = new LinkedBlockingQueue<>();
    b.websocket().subscribe(Cluster.CHATTER, GENERAL, onB::add, errors::add);
    String[] bad = {
        "{\"node\":\"x\",\"name\":\"chatter\",\"params\":{\"id\":\"general\"",        // cut short
        "{\"node\":\"x\",\"name\":\"nope\",\"message\":{\"text\":\"hi\"}}",            // no such topic
        "{\"node\":\"x\",\"name\":\"chatter\",\"params\":{\"id\":\"general\"},\"message\":{\"text\":\"\"}}",
        "{\"node\":\"x\",\"name\":\"count\",\"message\":{\"text\":\"hi\"}}",          // not a topic
    };
    for (String m : bad) {
      broker.publish("parley.topic", m.getBytes(StandardCharsets.UTF_8));
    }
    broker.publish("parley.event", "{\"node\":\"x\",\"name\":\"news\",\"to\":{\"planet\":\"mars\"},\"payload\":{\"text\":\"hi\"}}".getBytes(StandardCharsets.UTF_8));
    broker.publish("parley.invalidate", "{\"node\":\"x\",\"resources\":[]}".getBytes(StandardCharsets.UTF_8));

    assertThat(server(b).brokerMessagesDropped()).isEqualTo(bad.length + 2);
    server(a).publish(Cluster.CHATTER, GENERAL, new Note("still here"));
    assertThat(next(onB)).isEqualTo(new Note("still here"));
    assertThat(b.client().query(Cluster.PING)).isZero();
    nothingMore(onB);
  }

  @Test
  void aWellFormedMessageFromAnotherNodeIsDeliveredAsItsOwnWouldBe() throws Exception {
    BlockingQueue<Note> onB = new LinkedBlockingQueue<>();
    b.websocket().subscribe(Cluster.CHATTER, GENERAL, onB::add, errors::add);

    broker.publish("parley.topic", ("{\"node\":\"elsewhere\",\"name\":\"chatter\","
        + "\"params\":{\"id\":\"general\"},\"message\":{\"text\":\"from afar\"}}")
        .getBytes(StandardCharsets.UTF_8));

    assertThat(next(onB)).isEqualTo(new Note("from afar"));
    assertThat(server(b).brokerMessagesDropped()).isZero();
    assertThat(Set.of(server(a).nodeId(), server(b).nodeId())).hasSize(2);
  }
}
