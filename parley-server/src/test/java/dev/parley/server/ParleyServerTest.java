package dev.parley.server;

import static dev.parley.server.Fixture.get;
import static dev.parley.server.WireAssert.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.Contract;
import dev.parley.ErrorCode;
import dev.parley.Parley;
import dev.parley.ParleyException;
import dev.parley.Query;
import dev.parley.Shared;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ParleyServerTest {
  static final Query<Shared, Void, String> SLOW = Parley.query("slow").output(String.class);

  @Test
  void refusesToImplementADescriptorOutsideTheContract() {
    var server = ParleyServer.builder(Fixture.CONTRACT).build();
    var stranger = Parley.query("stranger");
    assertThatThrownBy(() -> server.implement(stranger, (ctx, in) -> null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stranger");
  }

  @Test
  void refusesASecondImplementation() {
    var server = ParleyServer.builder(Fixture.CONTRACT).build();
    server.implement(Fixture.PING, (ctx, in) -> null);
    assertThatThrownBy(() -> server.implement(Fixture.PING, (ctx, in) -> null))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("ping");
  }

  @Test
  void refusesResourcesDeclaredTwice() {
    var server = ParleyServer.builder(Fixture.CONTRACT).build();
    var impl = server.implement(Fixture.PING, (ctx, in) -> null)
        .resources((ctx, in, out) -> java.util.Set.of());
    assertThatThrownBy(() -> impl.resources((ctx, in, out) -> java.util.Set.of()))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void namesEveryUnimplementedProcedure() {
    var server = ParleyServer.builder(Fixture.CONTRACT).build();
    server.implement(Fixture.LIST, (ctx, in) -> java.util.List.of());
    assertThatThrownBy(server::assertAllImplemented)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("todos.add").hasMessageContaining("todos.get")
        .hasMessageContaining("boom").hasMessageContaining("badOutput")
        .hasMessageContaining("ping").hasMessageNotContaining("todos.list");
    Fixture.implement(ParleyServer.builder(Fixture.CONTRACT).build()).assertAllImplemented();
  }

  @Test
  void finishesCallsInFlightAndRefusesNewOnesOnShutdown() throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    var server = ParleyServer.builder(Contract.of(SLOW)).build();
    server.implement(SLOW, (ctx, in) -> {
      started.countDown();
      finish.await();
      return "done";
    });
    var inFlight = CompletableFuture.supplyAsync(() -> server.handle(get("slow", "")));
    started.await();
    var shutdown = CompletableFuture.supplyAsync(() -> server.shutdown(Duration.ofMinutes(1)));
    while (!refusesNewCalls(server)) {
      Thread.onSpinWait();
    }
    assertThat(shutdown).isNotDone();
    finish.countDown();
    assertThat(inFlight.get().status()).isEqualTo(200);
    assertThat(inFlight.get().bodyText()).isEqualTo("{\"result\":{\"data\":\"done\"}}");
    assertThat(shutdown.get()).isTrue();
    assertError(server.handle(get("slow", "")), 503, "SERVICE_UNAVAILABLE", -32603, null);
    assertThatThrownBy(() -> server.invoker().invoke(SLOW, null, Duration.ZERO))
        .isInstanceOfSatisfying(ParleyException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE));
  }

  @Test
  void reportsCallsStillRunningAfterTheGrace() {
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch finish = new CountDownLatch(1);
    var server = ParleyServer.builder(Contract.of(SLOW)).build();
    server.implement(SLOW, (ctx, in) -> {
      started.countDown();
      finish.await();
      return "done";
    });
    var inFlight = CompletableFuture.supplyAsync(() -> server.handle(get("slow", "")));
    try {
      started.await();
      assertThat(server.shutdown(Duration.ZERO)).isFalse();
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    } finally {
      finish.countDown();
    }
    assertThat(inFlight.join().status()).isEqualTo(200);
  }

  private static boolean refusesNewCalls(ParleyServer<Identity<Void>> server) {
    return server.handle(get("nope", "")).status() == 503;
  }
}
