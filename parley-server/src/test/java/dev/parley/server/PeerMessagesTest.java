package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.Contract;
import dev.parley.Parley;
import dev.parley.PeerMessage;
import dev.parley.Query;
import dev.parley.Shared;
import jakarta.validation.constraints.NotBlank;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Peer messages between servers sharing one in-memory broker: told by one node, handled by every
 * other, never by its own; checked before they leave; dropped and counted when they do not fit;
 * and never named by a client over a WebSocket.
 */
class PeerMessagesTest {
  record Evict(@NotBlank String key) {}

  record Heard(String key, String from) {}

  static final PeerMessage<Evict> EVICT = Parley.peerMessage("cache.evict").payload(Evict.class);
  static final PeerMessage<Evict> UNHANDLED = Parley.peerMessage("cache.unhandled").payload(Evict.class);
  static final Query<Shared, Void, Integer> PING = Parley.query("ping").output(Integer.class);
  static final Contract CONTRACT = Contract.of(EVICT, UNHANDLED, PING);
  static final String HELLO = "{\"method\":\"parley.hello\",\"params\":{\"version\":1}}";

  private final Broker broker = Broker.inMemory();
  private final List<ParleyServer<?>> servers = new java.util.ArrayList<>();

  @AfterEach
  void close() {
    servers.forEach(s -> s.shutdown(Duration.ZERO));
    broker.close();
  }

  private ParleyServer<?> node(Broker on, BlockingQueue<Heard> heard) {
    var server = ParleyServer.builder(CONTRACT).broker(on).build();
    server.implement(PING, (ctx, in) -> 0);
    server.onPeer(EVICT, (evict, from) -> heard.add(new Heard(evict.key(), from)));
    servers.add(server);
    return server;
  }

  private static Heard next(BlockingQueue<Heard> heard) throws InterruptedException {
    Heard h = heard.poll(5, TimeUnit.SECONDS);
    assertThat(h).as("a peer message within 5 s").isNotNull();
    return h;
  }

  @Test
  void aPeerMessageToldOnOneNodeIsHandledOnceOnEveryOtherNodeAndNeverOnItsOwn() throws Exception {
    BlockingQueue<Heard> a = new LinkedBlockingQueue<>();
    BlockingQueue<Heard> b = new LinkedBlockingQueue<>();
    BlockingQueue<Heard> c = new LinkedBlockingQueue<>();
    ParleyServer<?> nodeA = node(broker, a);
    ParleyServer<?> nodeB = node(broker, b);
    ParleyServer<?> nodeC = node(broker, c);
    assertThat(List.of(nodeA.nodeId(), nodeB.nodeId(), nodeC.nodeId())).doesNotHaveDuplicates();

    nodeA.tell(EVICT, new Evict("todo/7"));

    assertThat(next(b)).isEqualTo(new Heard("todo/7", nodeA.nodeId()));
    assertThat(next(c)).isEqualTo(new Heard("todo/7", nodeA.nodeId()));
    assertThat(a.poll(200, TimeUnit.MILLISECONDS)).isNull();
    assertThat(b).isEmpty();
    assertThat(c).isEmpty();
  }

  @Test
  void aPayloadThatDoesNotFitIsRefusedBeforeItLeaves() throws Exception {
    BlockingQueue<Heard> b = new LinkedBlockingQueue<>();
    ParleyServer<?> nodeA = node(broker, new LinkedBlockingQueue<>());
    ParleyServer<?> nodeB = node(broker, b);

    assertThatThrownBy(() -> nodeA.tell(EVICT, new Evict("")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cache.evict");
    PeerMessage<Evict> stranger = Parley.peerMessage("stranger").payload(Evict.class);
    assertThatThrownBy(() -> nodeA.tell(stranger, new Evict("k")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not part of");

    assertThat(b.poll(200, TimeUnit.MILLISECONDS)).isNull();
    assertThat(nodeB.brokerMessagesDropped()).isZero();
  }

  @Test
  void aMessageThatDoesNotDecodeIsDroppedAndCountedAndTheNodeGoesOn() throws Exception {
    BlockingQueue<Heard> b = new LinkedBlockingQueue<>();
    ParleyServer<?> nodeA = node(broker, new LinkedBlockingQueue<>());
    ParleyServer<?> nodeB = node(broker, b);
    String[] bad = {
        "not json at all",
        "[1,2]",                                                              // no envelope
        "{\"name\":\"cache.evict\",\"payload\":{\"key\":\"k\"}}",             // no node
        "{\"node\":\"x\",\"name\":\"nope\",\"payload\":{\"key\":\"k\"}}",     // unknown name
        "{\"node\":\"x\",\"name\":\"ping\",\"payload\":{\"key\":\"k\"}}",     // not a peer message
        "{\"node\":\"x\",\"name\":\"cache.evict\",\"payload\":{\"key\":\"\"}}", // invalid payload
        "{\"node\":\"x\",\"name\":\"cache.evict\",\"payload\":7}",            // wrong shape
        "{\"node\":\"x\",\"name\":\"cache.unhandled\",\"payload\":{\"key\":\"k\"}}", // no handler
    };
    for (String m : bad) {
      broker.publish("parley.peer", m.getBytes(StandardCharsets.UTF_8));
    }

    assertThat(nodeB.brokerMessagesDropped()).isEqualTo(bad.length);
    assertThat(nodeA.brokerMessagesDropped()).isEqualTo(bad.length);
    nodeA.tell(EVICT, new Evict("after"));
    assertThat(next(b)).isEqualTo(new Heard("after", nodeA.nodeId()));
    assertThat(nodeB.invoker().invoke(PING, null, Duration.ofSeconds(5))).isZero();
  }

  @Test
  void aHandlerThatThrowsIsLoggedAndTheNextMessageIsHandled() throws Exception {
    BlockingQueue<Heard> b = new LinkedBlockingQueue<>();
    ParleyServer<?> nodeA = node(broker, new LinkedBlockingQueue<>());
    var nodeB = ParleyServer.builder(CONTRACT).broker(broker).build();
    servers.add(nodeB);
    nodeB.onPeer(EVICT, (evict, from) -> {
      if (evict.key().equals("boom")) {
        throw new IllegalStateException("boom");
      }
      b.add(new Heard(evict.key(), from));
    });

    nodeA.tell(EVICT, new Evict("boom"));
    nodeA.tell(EVICT, new Evict("fine"));

    assertThat(next(b).key()).isEqualTo("fine");
    assertThat(nodeB.brokerMessagesDropped()).isZero();
  }

  @Test
  void aServerWithABrokerOfItsOwnOrNoneHearsNothingOfTheOthers() throws Exception {
    BlockingQueue<Heard> apart = new LinkedBlockingQueue<>();
    BlockingQueue<Heard> alone = new LinkedBlockingQueue<>();
    BlockingQueue<Heard> b = new LinkedBlockingQueue<>();
    ParleyServer<?> nodeA = node(broker, new LinkedBlockingQueue<>());
    node(broker, b);
    Broker own = Broker.inMemory();
    node(own, apart);
    var single = ParleyServer.builder(CONTRACT).build();
    servers.add(single);
    single.onPeer(EVICT, (evict, from) -> alone.add(new Heard(evict.key(), from)));

    nodeA.tell(EVICT, new Evict("k"));
    single.tell(EVICT, new Evict("k")); // to nobody

    assertThat(next(b).key()).isEqualTo("k");
    assertThat(apart.poll(200, TimeUnit.MILLISECONDS)).isNull();
    assertThat(alone).isEmpty();
    own.close();
  }

  @Test
  void aBrokerThatFailsIsCountedAndDoesNotFailTheTeller() {
    ParleyServer<?> nodeA = node(broker, new LinkedBlockingQueue<>());
    broker.close();

    nodeA.tell(EVICT, new Evict("k"));

    assertThat(nodeA.brokerMessagesUnsent()).isEqualTo(1);
  }

  @Test
  void aShutDownNodeHearsNoMore() throws Exception {
    BlockingQueue<Heard> b = new LinkedBlockingQueue<>();
    ParleyServer<?> nodeA = node(broker, new LinkedBlockingQueue<>());
    ParleyServer<?> nodeB = node(broker, b);
    nodeB.shutdown(Duration.ZERO);

    nodeA.tell(EVICT, new Evict("k"));

    assertThat(b.poll(200, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void onPeerRefusesAMessageOfAnotherContractAndASecondHandler() {
    ParleyServer<?> nodeA = node(broker, new LinkedBlockingQueue<>());
    assertThatThrownBy(() -> nodeA.onPeer(EVICT, (e, from) -> {}))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> nodeA.onPeer(Parley.peerMessage("other"), (e, from) -> {}))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aClientCannotNameAPeerMessageOverAWebSocket() throws Exception {
    BlockingQueue<Heard> heard = new LinkedBlockingQueue<>();
    ParleyServer<?> nodeA = node(broker, heard);
    RecordingSocket s = RecordingSocket.open(nodeA, "");
    s.session().onText(HELLO);
    assertThat(s.next()).startsWith("{\"method\":\"parley.hello\"");

    s.session().onText("{\"method\":\"parley.emit\",\"params\":{\"name\":\"cache.evict\","
        + "\"payload\":{\"key\":\"k\"}}}");
    s.session().onText("{\"id\":1,\"method\":\"mutation\",\"params\":{\"path\":\"cache.evict\","
        + "\"input\":{\"key\":\"k\"}}}");
    assertThat(s.next()).contains("\"id\":1").contains("NOT_FOUND");
    s.session().onText("{\"id\":2,\"method\":\"query\",\"params\":{\"path\":\"cache.evict\"}}");
    assertThat(s.next()).contains("\"id\":2").contains("NOT_FOUND");
    s.session().onText("{\"id\":\"t1\",\"method\":\"parley.subscribe\",\"params\":{\"topic\":"
        + "\"cache.evict\"}}");
    assertThat(s.next()).contains("\"id\":\"t1\"").contains("NOT_FOUND");
    s.session().onText("{\"id\":\"c1\",\"method\":\"parley.connect\",\"params\":{\"channel\":"
        + "\"cache.evict\"}}");
    assertThat(s.next()).contains("\"id\":\"c1\"").contains("NOT_FOUND");
    s.session().onText("{\"id\":3,\"method\":\"parley.register\",\"params\":{\"procedures\":"
        + "[\"cache.evict\"]}}");
    assertThat(s.next()).contains("\"id\":3").contains("NOT_FOUND");

    assertThat(nodeA.clientEventsDropped()).isEqualTo(1);
    assertThat(heard.poll(200, TimeUnit.MILLISECONDS)).isNull();
  }
}
