package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.Contract;
import dev.parley.Invoker;
import dev.parley.Parley;
import dev.parley.Shared;
import dev.parley.Subscription;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A feed's last values, replayed to a resuming subscriber before it follows live. */
class ReplayWindowTest {
  static final Subscription<Shared, Void, String> FEED =
      Parley.subscription("feed").output(String.class);

  private final ReplayWindow<String> window = new ReplayWindow<>(3);
  private final AtomicInteger following = new AtomicInteger();
  private final CountDownLatch gate = new CountDownLatch(1);
  private final Invoker invoker;

  ReplayWindowTest() {
    ParleyServer<Identity<Void>> server = ParleyServer.builder(Contract.of(FEED)).build();
    server.implement(FEED, (ctx, in, sink) -> {
      following.incrementAndGet();
      window.follow(sink);
    });
    invoker = server.invoker();
  }

  private SubscriptionTest.Recorder<String> follow(String lastEventId) throws Exception {
    int before = following.get();
    SubscriptionTest.Recorder<String> r = new SubscriptionTest.Recorder<>();
    invoker.subscribe(FEED, null, lastEventId, r);
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (following.get() == before && System.nanoTime() < until) {
      Thread.sleep(1);
    }
    Thread.sleep(20); // the follower reads its cursor right after it starts
    return r;
  }

  private static void awaitEvents(SubscriptionTest.Recorder<String> r, int n) throws Exception {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (r.events.size() < n && System.nanoTime() < until) {
      Thread.sleep(2);
    }
  }

  @Test
  void aFirstSubscriberStartsLive() throws Exception {
    window.publish("1", "old");
    SubscriptionTest.Recorder<String> r = follow(null);

    window.publish("2", "new");
    awaitEvents(r, 2);

    assertThat(r.events).containsExactly("started", "2:new");
  }

  @Test
  void aResumingSubscriberGetsWhatCameAfterItsIdThenLiveNoneLostOrDoubled() throws Exception {
    window.publish("1", "a");
    window.publish("2", "b");
    window.publish("3", "c");
    SubscriptionTest.Recorder<String> r = follow("1");

    window.publish("4", "d");
    awaitEvents(r, 4);

    assertThat(r.events).containsExactly("started", "2:b", "3:c", "4:d");
  }

  @Test
  void resumingFromAnIdNoLongerHeldReplaysAllItHolds() throws Exception {
    for (int n = 1; n <= 5; n++) {
      window.publish(Integer.toString(n), "v" + n);
    }
    SubscriptionTest.Recorder<String> r = follow("1");
    awaitEvents(r, 4);

    assertThat(r.events).containsExactly("started", "3:v3", "4:v4", "5:v5");
    assertThat(window.size()).isEqualTo(3);
  }

  @Test
  void resumingFromTheNewestIdWaitsForTheNext() throws Exception {
    window.publish("1", "a");
    SubscriptionTest.Recorder<String> r = follow("1");

    window.publish("2", "b");
    awaitEvents(r, 2);

    assertThat(r.events).containsExactly("started", "2:b");
  }

  @Test
  void aFollowerThatFallsMoreThanTheWindowBehindEndsWithServiceUnavailable() throws Exception {
    ParleyServer<Identity<Void>> server = ParleyServer.builder(Contract.of(FEED)).build();
    CountDownLatch first = new CountDownLatch(1);
    server.implement(FEED, (ctx, in, sink) -> window.follow(new Sink<>() {
      @Override
      public void next(String value) {
        sink.next(value);
      }

      @Override
      public void next(String id, String value) {
        sink.next(id, value);
        first.countDown();
        try {
          gate.await(); // a slow reader: the next values pile up
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }

      @Override
      public boolean isCancelled() {
        return sink.isCancelled();
      }

      @Override
      public java.util.Optional<String> lastEventId() {
        return sink.lastEventId();
      }
    }));
    SubscriptionTest.Recorder<String> r = new SubscriptionTest.Recorder<>();
    server.invoker().subscribe(FEED, null, null, r);
    Thread.sleep(50);
    window.publish("1", "a");
    assertThat(first.await(5, TimeUnit.SECONDS)).isTrue();
    for (int n = 2; n <= 6; n++) {
      window.publish(Integer.toString(n), "v" + n);
    }

    gate.countDown();

    assertThat(r.done.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(r.events).containsExactly("started", "1:a",
        "error:SERVICE_UNAVAILABLE:The subscriber fell more than 3 values behind; resume from the"
            + " last event id");
  }

  @Test
  void stoppingAFollowerEndsItsWait() throws Exception {
    SubscriptionTest.Recorder<String> r = new SubscriptionTest.Recorder<>();
    Invoker.Stream stream = invoker.subscribe(FEED, null, null, r);
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (following.get() == 0 && System.nanoTime() < until) {
      Thread.sleep(1);
    }

    stream.stop();
    window.publish("1", "after the stop");
    Thread.sleep(50);

    assertThat(stream.isDone()).isTrue();
    assertThat(r.events).containsExactly("started");
  }

  @Test
  void listsTheValuesAfterAnIdOldestFirst() {
    window.publish("1", "a");
    window.publish("2", "b");
    window.publish("3", "c");
    window.publish("4", "d");

    assertThat(window.after("2")).extracting(ReplayWindow.Entry::value).containsExactly("c", "d");
    assertThat(window.after(null)).extracting(ReplayWindow.Entry::id)
        .containsExactly("2", "3", "4");
    assertThat(window.after("1")).hasSize(3);
    assertThat(window.after("4")).isEmpty();
    assertThat(window.after(null).get(0).seq()).isEqualTo(1);
    assertThat(window).hasToString("ReplayWindow[3 of 3]");
  }

  @Test
  void refusesACapacityBelowOne() {
    assertThatThrownBy(() -> new ReplayWindow<String>(0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("capacity: 0");
    assertThat(new ReplayWindow<String>(1).after(null)).isEqualTo(List.of());
  }
}
