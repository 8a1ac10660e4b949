package dev.parley.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.ErrorCode;
import dev.parley.ParleyException;
import dev.parley.SubscriptionListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The listener's contract, whatever order a link reports things in. */
class GuardedListenerTest {
  private final List<String> heard = new CopyOnWriteArrayList<>();
  private final SubscriptionListener<String> recorder = new SubscriptionListener<>() {
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
  };
  private final GuardedListener<String> guard = new GuardedListener<>("s", recorder);

  @Test
  void startsOnceAndBeforeTheFirstValue() {
    guard.value("a", "1");
    guard.started();
    guard.value("b", null);
    guard.completed();

    assertThat(heard).containsExactly("started", "1:a", "null:b", "complete");
    assertThat(guard.lastEventId()).isEqualTo("1");
    assertThat(guard.isDone()).isTrue();
  }

  @Test
  void endsOnceAndHearsNothingAfter() {
    guard.started();
    guard.failed(new ParleyException(ErrorCode.CONFLICT, "x"));
    guard.completed();
    guard.value("late", "9");
    guard.failed(new ParleyException(ErrorCode.TIMEOUT, "y"));

    assertThat(heard).containsExactly("started", "error:CONFLICT");
    assertThat(guard.lastEventId()).isNull();
  }

  @Test
  void anErrorBeforeAnyStartHasNoStart() {
    guard.failed(new ParleyException(ErrorCode.BAD_REQUEST, "x"));

    assertThat(heard).containsExactly("error:BAD_REQUEST");
  }

  @Test
  void hearsNothingOnceStopped() {
    guard.started();
    assertThat(guard.stop()).isTrue();
    guard.value("a", "1");
    guard.completed();

    assertThat(heard).containsExactly("started");
    assertThat(guard.stop()).isFalse();
  }

  @Test
  void stopWaitsForACallInProgressOnAnotherThread() throws Exception {
    CountDownLatch inValue = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    GuardedListener<String> slow = new GuardedListener<>("s", (value, id) -> {
      inValue.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        throw new AssertionError(e);
      }
      heard.add(value);
    });
    Thread delivering = Thread.ofVirtual().start(() -> slow.value("a", null));
    assertThat(inValue.await(5, TimeUnit.SECONDS)).isTrue();

    Thread stopping = Thread.ofVirtual().start(slow::stop);
    stopping.join(100);
    assertThat(stopping.isAlive()).as("stop waits for the call in progress").isTrue();
    release.countDown();
    stopping.join();
    delivering.join();

    assertThat(heard).containsExactly("a");
    slow.value("b", null);
    assertThat(heard).containsExactly("a");
  }

  @Test
  void aListenerThatThrowsIsStoppedAndTheLinkTold() {
    AtomicInteger told = new AtomicInteger();
    GuardedListener<String> throwing = new GuardedListener<>("s", (value, id) -> {
      heard.add(value);
      throw new IllegalStateException("bug");
    });
    throwing.onListenerFailure(told::incrementAndGet);

    throwing.value("a", null);
    throwing.value("b", null);
    throwing.completed();

    assertThat(heard).containsExactly("a");
    assertThat(told).hasValue(1);
    assertThat(throwing.isDone()).isTrue();
  }
}
