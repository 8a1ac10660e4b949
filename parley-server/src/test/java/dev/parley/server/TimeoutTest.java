package dev.parley.server;

import static dev.parley.server.Fixture.get;
import static dev.parley.server.WireAssert.assertError;
import static dev.parley.server.WireAssert.assertStillServes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.Contract;
import dev.parley.ErrorCode;
import dev.parley.Parley;
import dev.parley.ParleyException;
import dev.parley.Query;
import dev.parley.Shared;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TimeoutTest {
  static final Query<Shared, Void, String> STUBBORN = Parley.query("stubborn").output(String.class);
  static final Query<Shared, Void, String> SLEEPY = Parley.query("sleepy").output(String.class);

  /** Long enough that a normal call is never late, even on a loaded machine. */
  private static final Duration TIMEOUT = Duration.ofMillis(500);

  private final CountDownLatch release = new CountDownLatch(1);
  private final CountDownLatch running = new CountDownLatch(1);
  private final CountDownLatch sawInterrupt = new CountDownLatch(1);
  private final ParleyServer<Identity<Void>> server = server();

  private ParleyServer<Identity<Void>> server() {
    var s = ParleyServer.builder(Fixture.CONTRACT.with(STUBBORN, SLEEPY))
        .options(ServerOptions.builder().requestTimeout(TIMEOUT).build())
        .build();
    Fixture.implement(s);
    s.implement(STUBBORN, (ctx, in) -> {
      running.countDown();
      while (release.getCount() > 0) {
        if (Thread.currentThread().isInterrupted()) {
          sawInterrupt.countDown(); // sees it, and ignores it on purpose
        }
        Thread.onSpinWait();
      }
      return "late";
    });
    s.implement(SLEEPY, (ctx, in) -> {
      Thread.sleep(TimeUnit.MINUTES.toMillis(1));
      return "late";
    });
    return s;
  }

  @BeforeAll
  static void warmUpValidation() {
    WireAssert.assertStillServes(Fixture.server());
  }

  @AfterEach
  void release() {
    release.countDown();
  }

  @Test
  void answersTimeoutOverHttpAtTheDeadlineWhileTheHandlerIgnoresItsInterrupt() throws Exception {
    assertError(server.handle(get("stubborn", "")), 408, "TIMEOUT", -32008, "stubborn");
    assertThat(release.getCount()).as("answered while the handler still runs").isOne();
    assertThat(sawInterrupt.await(10, TimeUnit.SECONDS)).as("the handler saw the interrupt").isTrue();
    release.countDown();
    assertStillServes(server);
  }

  @Test
  void answersTimeoutInProcessAtTheDeadlineWhileTheHandlerIgnoresItsInterrupt() throws Exception {
    assertThatThrownBy(() -> server.invoker().invoke(STUBBORN, null, Duration.ZERO))
        .isInstanceOfSatisfying(ParleyException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT));
    assertThat(release.getCount()).as("answered while the handler still runs").isOne();
    assertThat(sawInterrupt.await(10, TimeUnit.SECONDS)).as("the handler saw the interrupt").isTrue();
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
    release.countDown();
    assertThat(server.invoker().invoke(Fixture.LIST, null, Duration.ZERO)).isNotEmpty();
  }

  @Test
  void respondsTimeoutFromTheTimerWhileTheTransportsThreadStillRunsTheHandler() throws Exception {
    var answer = new Captured();
    Thread caller = Thread.ofVirtual().start(() -> server.handle(get("stubborn", ""), answer));

    ParleyResponse response = answer.get();
    assertThat(caller.isAlive()).as("the handler still spins on the caller's thread").isTrue();
    assertThat(answer.threads).doesNotContain(caller);
    assertError(response, 408, "TIMEOUT", -32008, "stubborn");
    release.countDown();
    caller.join(TimeUnit.SECONDS.toMillis(10));
    assertThat(caller.isAlive()).isFalse();
    assertStillServes(server);
  }

  @Test
  void runsASingleCallOnTheCallersThreadAndRespondsOnce() throws Exception {
    var answer = new Captured();
    server.handle(get("todos.list", ""), answer);

    assertThat(answer.get().status()).isEqualTo(200);
    assertThat(answer.threads).containsExactly(Thread.currentThread());
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }

  @Test
  void answersTimeoutOverHttpForASleepingHandler() {
    assertError(server.handle(get("sleepy", "")), 408, "TIMEOUT", -32008, "sleepy");
    assertStillServes(server);
  }

  @Test
  void usesTheCallersShorterDeadlineFromItsHeader() {
    var s = ParleyServer.builder(Contract.of(SLEEPY)).build(); // the server's 30 s
    s.implement(SLEEPY, (ctx, in) -> {
      Thread.sleep(TimeUnit.MINUTES.toMillis(1));
      return "late";
    });
    var request = new ParleyRequest("GET", "sleepy", "",
        java.util.Map.of("parley-timeout", java.util.List.of("100m")), new byte[0], null);
    long start = System.nanoTime();
    var r = s.handle(request);
    assertError(r, 408, "TIMEOUT", -32008, "sleepy");
    assertThat(r.bodyText()).contains("within 100 ms");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
  }

  @Test
  void refusesAMalformedDeadlineHeader() {
    var request = new ParleyRequest("GET", "todos.list", "",
        java.util.Map.of("parley-timeout", java.util.List.of("soon")), new byte[0], null);
    assertError(server.handle(request), 400, "BAD_REQUEST", -32600, null);
  }

  @Test
  void appliesTheInvokersPerCallTimeout() {
    var s = ParleyServer.builder(Contract.of(SLEEPY))
        .options(ServerOptions.builder().requestTimeout(Duration.ZERO).build()).build();
    s.implement(SLEEPY, (ctx, in) -> {
      Thread.sleep(TimeUnit.MINUTES.toMillis(1));
      return "late";
    });
    assertThatThrownBy(() -> s.invoker().invoke(SLEEPY, null, Duration.ofMillis(50)))
        .isInstanceOfSatisfying(ParleyException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT));
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }

  @Test
  void interruptsTheHandlerWhenTheClientGoesAway() throws Exception {
    var answer = new Captured();
    Thread transport = Thread.ofVirtual().start(() -> server.handle(get("stubborn", ""), answer));
    assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
    answer.onGone.run();
    assertThat(sawInterrupt.await(10, TimeUnit.SECONDS)).as("the handler saw the interrupt").isTrue();
    assertError(answer.get(), 499, "CLIENT_CLOSED_REQUEST", -32099, "stubborn");
    release.countDown();
    transport.join(TimeUnit.SECONDS.toMillis(10));
  }

  @Test
  void interruptsAnInProcessHandlerWhenItsCallerIsInterrupted() throws Exception {
    var failure = new java.util.concurrent.CompletableFuture<ParleyException>();
    Thread caller = Thread.ofVirtual().start(() -> {
      try {
        server.invoker().invoke(STUBBORN, null, Duration.ZERO);
      } catch (ParleyException e) {
        failure.complete(e);
      }
    });
    assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
    caller.interrupt();
    assertThat(failure.get(10, TimeUnit.SECONDS).code()).isEqualTo(ErrorCode.CLIENT_CLOSED_REQUEST);
    assertThat(sawInterrupt.await(10, TimeUnit.SECONDS)).as("the handler saw the interrupt").isTrue();
  }

  @Test
  void timesOutEachCallOfABatchOnItsOwn() {
    ParleyResponse r = server.handle(get("todos.list,sleepy", "batch=1"));
    assertThat(r.status()).isEqualTo(207);
    var body = WireAssert.json(r);
    assertThat(body.get(0).has("result")).isTrue();
    WireAssert.assertErrorElement(body.get(1), 408, "TIMEOUT", -32008, "sleepy");
  }
}
