package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class InMemoryBrokerTest {
  private final Broker broker = Broker.inMemory();

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> texts(List<byte[]> heard) {
    return heard.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
  }

  @Test
  void deliversEachMessageToEveryReceiverOfItsSubjectOnlyInOrderBeforePublishReturns() {
    List<byte[]> a = new CopyOnWriteArrayList<>();
    List<byte[]> b = new CopyOnWriteArrayList<>();
    List<byte[]> other = new CopyOnWriteArrayList<>();
    broker.subscribe("s", a::add);
    broker.subscribe("s", b::add);
    broker.subscribe("t", other::add);

    for (int i = 0; i < 100; i++) {
      broker.publish("s", bytes("m" + i));
    }

    List<String> expected = java.util.stream.IntStream.range(0, 100).mapToObj(i -> "m" + i).toList();
    assertThat(texts(a)).isEqualTo(expected);
    assertThat(texts(b)).isEqualTo(expected);
    assertThat(other).isEmpty();
  }

  @Test
  void aClosedRegistrationHearsNothingMoreAndTheOthersGoOn() {
    List<byte[]> a = new CopyOnWriteArrayList<>();
    List<byte[]> b = new CopyOnWriteArrayList<>();
    Broker.Registration ra = broker.subscribe("s", a::add);
    broker.subscribe("s", b::add);
    broker.publish("s", bytes("1"));

    ra.close();
    ra.close(); // idempotent
    broker.publish("s", bytes("2"));

    assertThat(texts(a)).containsExactly("1");
    assertThat(texts(b)).containsExactly("1", "2");
  }

  @Test
  void theSameReceiverSubscribedTwiceHearsTwiceAndEachRegistrationEndsOne() {
    List<byte[]> a = new CopyOnWriteArrayList<>();
    java.util.function.Consumer<byte[]> receiver = a::add;
    Broker.Registration first = broker.subscribe("s", receiver);
    broker.subscribe("s", receiver);
    broker.publish("s", bytes("1"));
    first.close();
    broker.publish("s", bytes("2"));

    assertThat(texts(a)).containsExactly("1", "1", "2");
  }

  @Test
  void aReceiverThatThrowsDoesNotKeepTheMessageFromTheOthers() {
    List<byte[]> b = new CopyOnWriteArrayList<>();
    broker.subscribe("s", m -> {
      throw new IllegalStateException("boom");
    });
    broker.subscribe("s", b::add);

    broker.publish("s", bytes("1"));

    assertThat(texts(b)).containsExactly("1");
  }

  @Test
  void aClosedBrokerDeliversNothingAndRefusesPublishersAndSubscribers() {
    List<byte[]> a = new CopyOnWriteArrayList<>();
    broker.subscribe("s", a::add);
    broker.close();
    broker.close(); // idempotent

    assertThatThrownBy(() -> broker.publish("s", bytes("1")))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> broker.subscribe("s", a::add))
        .isInstanceOf(IllegalStateException.class);
    assertThat(a).isEmpty();
  }

  @Test
  void twoBrokersAreApart() {
    Broker another = Broker.inMemory();
    List<byte[]> a = new CopyOnWriteArrayList<>();
    another.subscribe("s", a::add);

    broker.publish("s", bytes("1"));

    assertThat(a).isEmpty();
  }
}
