package dev.parley.server.internal.socket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.server.SocketOut;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * {@link Outbox}: what it hands its transport, in which sends, and how it accounts for the bytes,
 * with a transport in memory that completes each send when the test says.
 */
class OutboxTest {
  private static final long STALL = TimeUnit.SECONDS.toNanos(5);

  /** A transport that keeps each send and completes it at once, or when told. */
  private static final class Transport implements SocketOut {
    final List<List<String>> sends = new CopyOnWriteArrayList<>();
    final LinkedBlockingQueue<Sent> open = new LinkedBlockingQueue<>();
    final List<String> closes = new CopyOnWriteArrayList<>();
    volatile boolean holds;
    volatile boolean completesTwice;
    final AtomicInteger depth = new AtomicInteger();
    volatile int deepest;

    @Override
    public void send(List<byte[]> messages, Sent sent) {
      List<String> texts = new ArrayList<>();
      messages.forEach(m -> texts.add(new String(m, StandardCharsets.UTF_8)));
      sends.add(texts);
      if (holds) {
        open.add(sent);
        return;
      }
      deepest = Math.max(deepest, depth.incrementAndGet());
      sent.done(null);
      if (completesTwice) {
        sent.done(null);
      }
      depth.decrementAndGet();
    }

    @Override
    public void ping() {}

    @Override
    public void close(int code, String reason) {
      closes.add(code + " " + reason);
    }

    @Override
    public void abort() {}

    Sent nextOpen() throws InterruptedException {
      Sent s = open.poll(5, TimeUnit.SECONDS);
      assertThat(s).as("a send in flight").isNotNull();
      return s;
    }
  }

  /** Counts what a server's meter would. */
  private static final class Meter implements Outbox.Meter {
    final AtomicLong queued = new AtomicLong();

    @Override
    public void added(int n, long inQueue) {
      queued.addAndGet(n);
    }

    @Override
    public void removed(int n) {
      queued.addAndGet(-n);
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private final Transport transport = new Transport();
  private final Meter meter = new Meter();
  private final AtomicInteger stalls = new AtomicInteger();
  private final AtomicInteger failures = new AtomicInteger();

  private Outbox outbox(long limit) {
    return new Outbox(transport, limit, STALL, meter, stalls::incrementAndGet,
        failures::incrementAndGet);
  }

  @Test
  void handsTheMessagesQueuedWhileASendIsInFlightOverInOneSend() throws Exception {
    Outbox box = outbox(1 << 20);
    transport.holds = true;
    box.put(utf8("a"));
    box.put(utf8("b"));
    box.put(utf8("c"));
    assertThat(transport.sends).containsExactly(List.of("a"));
    assertThat(box.bytes()).isEqualTo(3);

    transport.nextOpen().done(null);

    assertThat(transport.sends).containsExactly(List.of("a"), List.of("b", "c"));
    assertThat(box.bytes()).as("a's byte given back, b and c in flight").isEqualTo(2);
    transport.nextOpen().done(null);
    assertThat(box.bytes()).isZero();
    assertThat(meter.queued).hasValue(0);
  }

  @Test
  void forAClientThatTakesArraysTheMessagesOfASendGoAsOneArrayAndTheirBytesAreGivenBack()
      throws Exception {
    Outbox box = outbox(1 << 20);
    box.arrays();
    transport.holds = true;
    box.put(utf8("{\"a\":1}"));
    box.put(utf8("{\"b\":2}"));
    box.put(utf8("{\"c\":3}"));
    transport.nextOpen().done(null);
    transport.nextOpen().done(null);

    assertThat(transport.sends).containsExactly(List.of("{\"a\":1}"),
        List.of("[{\"b\":2},{\"c\":3}]"));
    assertThat(box.bytes()).isZero();
    assertThat(meter.queued).hasValue(0);
  }

  @Test
  void sendsAtMostABatchAtATime() throws Exception {
    Outbox box = outbox(1 << 20);
    transport.holds = true;
    box.put(utf8("first"));
    for (int i = 0; i < Outbox.MAX_BATCH + 3; i++) {
      box.put(utf8(Integer.toString(i)));
    }
    transport.nextOpen().done(null);
    transport.nextOpen().done(null);

    assertThat(transport.sends).hasSize(3);
    assertThat(transport.sends.get(1)).hasSize(Outbox.MAX_BATCH).startsWith("0");
    assertThat(transport.sends.get(2)).containsExactly(Integer.toString(Outbox.MAX_BATCH),
        Integer.toString(Outbox.MAX_BATCH + 1), Integer.toString(Outbox.MAX_BATCH + 2));
  }

  @Test
  void goesOnInALoopNotByRecursionWhenTheTransportCompletesAtOnce() throws Exception {
    Outbox box = outbox(1 << 20);
    for (int i = 0; i < 10_000; i++) {
      box.put(utf8(Integer.toString(i)));
    }

    assertThat(transport.sends).hasSize(10_000);
    assertThat(transport.sends.get(9_999)).containsExactly("9999");
    assertThat(transport.deepest).as("no send from inside another's callback").isEqualTo(1);
    assertThat(box.bytes()).isZero();
  }

  @Test
  void putSoonHandsEveryMessageOverInOrderFromAnotherThread() throws Exception {
    Outbox box = outbox(1 << 20);
    for (int i = 0; i < 1000; i++) {
      assertThat(box.putSoon(utf8(Integer.toString(i)))).isTrue();
    }
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (box.bytes() > 0 && System.nanoTime() < until) {
      Thread.sleep(1);
    }
    List<String> all = new ArrayList<>();
    transport.sends.forEach(all::addAll);
    assertThat(all).hasSize(1000).startsWith("0", "1", "2").endsWith("998", "999");
    assertThat(transport.sends.size()).as("values queued together share sends")
        .isLessThanOrEqualTo(1000);
  }

  @Test
  void aTransportThatCallsBackTwiceIsCountedOnce() throws Exception {
    Outbox box = outbox(1 << 20);
    transport.completesTwice = true;
    box.put(utf8("abc"));
    box.put(utf8("de"));

    assertThat(transport.sends).containsExactly(List.of("abc"), List.of("de"));
    assertThat(box.bytes()).isZero();
    assertThat(meter.queued).hasValue(0);
  }

  @Test
  void disposeGivesBackTheBytesOfASendTheTransportNeverCompletes() throws Exception {
    Outbox box = outbox(1 << 20);
    transport.holds = true;
    box.put(utf8("stuck"));
    box.put(utf8("queued"));

    box.dispose();

    assertThat(box.bytes()).isZero();
    assertThat(meter.queued).hasValue(0);
    assertThat(box.put(utf8("late"))).as("a disposed queue takes nothing").isFalse();
    transport.nextOpen().done(null); // the transport wakes up after all
    assertThat(meter.queued).as("nothing given back twice").hasValue(0);
    assertThat(transport.sends).containsExactly(List.of("stuck"));
  }

  @Test
  void aFailedSendDropsTheQueueClosesItAndTellsTheOwnerOnce() throws Exception {
    Outbox box = outbox(1 << 20);
    transport.holds = true;
    box.put(utf8("a"));
    box.put(utf8("b"));

    transport.nextOpen().done(new java.io.IOException("reset"));

    assertThat(failures).hasValue(1);
    assertThat(box.bytes()).isZero();
    assertThat(meter.queued).hasValue(0);
    assertThat(box.put(utf8("c"))).isFalse();
    assertThat(transport.sends).containsExactly(List.of("a"));
  }

  @Test
  void finishClosesOnceTheQueuedMessagesAreWritten() throws Exception {
    Outbox box = outbox(1 << 20);
    transport.holds = true;
    box.put(utf8("a"));
    box.put(utf8("b"));

    box.finish(1001, "Going away");
    assertThat(transport.closes).isEmpty();
    assertThat(box.put(utf8("c"))).isFalse();
    transport.nextOpen().done(null);
    assertThat(transport.closes).isEmpty();
    transport.nextOpen().done(null);

    assertThat(transport.closes).containsExactly("1001 Going away");
    assertThat(transport.sends).containsExactly(List.of("a"), List.of("b"));
  }

  @Test
  void closeNowDropsWhatWasNotHandedOverAndClosesAtOnce() throws Exception {
    Outbox box = outbox(1 << 20);
    transport.holds = true;
    box.put(utf8("a"));
    box.put(utf8("b"));

    box.closeNow(1008, "Policy");

    assertThat(transport.closes).containsExactly("1008 Policy");
    assertThat(box.bytes()).as("a is still the transport's").isEqualTo(1);
    transport.nextOpen().done(null);
    assertThat(box.bytes()).isZero();
    assertThat(transport.sends).containsExactly(List.of("a"));
  }

  @Test
  void aProducerWaitsForRoomThenGivesUpOnceAtTheStall() throws Exception {
    Outbox box = new Outbox(transport, 4, TimeUnit.MILLISECONDS.toNanos(100), meter,
        stalls::incrementAndGet, failures::incrementAndGet);
    transport.holds = true;
    box.put(utf8("abc"));
    assertThat(box.put(utf8("toolong"))).as("no room, and no progress within the stall").isFalse();
    assertThat(box.put(utf8("x"))).isFalse();
    assertThat(stalls).hasValue(1);
    assertThat(box.put(new byte[0])).isFalse();
  }

  @Test
  void aLargeMessageGoesAloneIntoAnEmptyQueue() throws Exception {
    Outbox box = outbox(4);
    assertThat(box.put(utf8("much longer than four"))).isTrue();
    assertThat(transport.sends).containsExactly(List.of("much longer than four"));
  }

  @Test
  void anOfferFromASourceThatEndedQueuesNothingAndOneBeforeItsEndLandsBeforeItsLastMessage()
      throws Exception {
    Outbox box = outbox(1 << 20);
    transport.holds = true;
    AtomicInteger asked = new AtomicInteger();
    boolean[] ended = {false};
    Outbox.Source source = () -> {
      asked.incrementAndGet();
      return ended[0];
    };
    assertThat(box.offer(utf8("v1"), source)).isTrue();
    ended[0] = true; // the source's last message goes next
    box.put(utf8("stopped"));
    assertThat(box.offer(utf8("v2"), source)).as("after the end").isFalse();
    assertThat(asked).as("asked once per offer").hasValue(2);
    assertThat(box.bytes()).as("v2 neither queued nor counted").isEqualTo(9);
    assertThat(meter.queued).hasValue(9);
    SocketOut.Sent first = transport.nextOpen(); // v1, handed over from a flusher, with or without stopped
    transport.holds = false;
    first.done(null);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (box.bytes() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(1);
    }
    assertThat(transport.sends.stream().flatMap(List::stream))
        .containsExactly("v1", "stopped");
  }

  @Test
  void anOfferIsRefusedWhenItDoesNotFitOrTheQueueIsClosedWhateverTheSourceSays()
      throws Exception {
    Outbox box = outbox(4);
    transport.holds = true;
    Outbox.Source open = () -> false;
    assertThat(box.offer(utf8("abc"), open)).isTrue();
    assertThat(box.offer(utf8("de"), open)).as("no room").isFalse();
    box.closeNow(1000, "bye");
    assertThat(box.offer(utf8("x"), null)).as("closed").isFalse();
  }
}
