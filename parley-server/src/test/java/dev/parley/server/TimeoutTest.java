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
  private final ParleyServer<ParleyRequest> server = server();

  private ParleyServer<ParleyRequest> server() {
    var s = ParleyServer.builder(Fixture.CONTRACT.with(STUBBORN, SLEEPY))
        .options(ServerOptions.builder().requestTimeout(TIMEOUT).build())
        .build();
    Fixture.implement(s);
    s.implement(STUBBORN, (ctx, in) -> {
      while (release.getCount() > 0) {
        Thread.onSpinWait(); // ignores interruption on purpose
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
  void answersTimeoutOverHttpEvenWhenTheHandlerIgnoresInterruption() {
    assertError(server.handle(get("stubborn", "")), 408, "TIMEOUT", -32008, "stubborn");
    release.countDown();
    assertStillServes(server);
  }

  @Test
  void respondsTimeoutOnTimeWhileAnInlineHandlerStillRuns() throws Exception {
    var answer = new java.util.concurrent.CompletableFuture<ParleyResponse>();
    Thread caller = Thread.ofVirtual().start(() -> server.handle(get("stubborn", ""), answer::complete));

    ParleyResponse response = answer.get(10, TimeUnit.SECONDS);
    assertThat(caller.isAlive()).as("the handler still spins on the caller's thread").isTrue();
    assertError(response, 408, "TIMEOUT", -32008, "stubborn");
    release.countDown();
    caller.join(TimeUnit.SECONDS.toMillis(10));
    assertThat(caller.isAlive()).isFalse();
    assertStillServes(server);
  }

  @Test
  void runsASingleCallOnTheCallersThreadAndRespondsOnce() {
    var threads = new java.util.concurrent.CopyOnWriteArrayList<Thread>();
    var answers = new java.util.concurrent.CopyOnWriteArrayList<ParleyResponse>();
    server.handle(get("todos.list", ""), r -> {
      threads.add(Thread.currentThread());
      answers.add(r);
    });

    assertThat(answers).hasSize(1);
    assertThat(answers.get(0).status()).isEqualTo(200);
    assertThat(threads).containsExactly(Thread.currentThread());
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }

  @Test
  void answersTimeoutOverHttpForASleepingHandler() {
    assertError(server.handle(get("sleepy", "")), 408, "TIMEOUT", -32008, "sleepy");
    assertStillServes(server);
  }

  @Test
  void timesOutAnInProcessCallByInterruptingIt() {
    assertThatThrownBy(() -> server.call(SLEEPY, Fixture.get("x", ""), null))
        .isInstanceOfSatisfying(ParleyException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT));
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
    assertThat(server.call(Fixture.LIST, Fixture.get("x", ""), null)).isNotEmpty();
  }

  @Test
  void appliesTheInvokersPerCallTimeout() {
    var s = ParleyServer.builder(Contract.of(SLEEPY)).build();
    s.implement(SLEEPY, (ctx, in) -> {
      Thread.sleep(TimeUnit.MINUTES.toMillis(1));
      return "late";
    });
    var invoker = s.invoker(Fixture.get("x", ""));
    assertThatThrownBy(() -> invoker.invoke(SLEEPY, null, Duration.ofMillis(50)))
        .isInstanceOfSatisfying(ParleyException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.TIMEOUT));
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
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
