package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.Contract;
import dev.parley.ErrorCode;
import dev.parley.Invoker;
import dev.parley.Parley;
import dev.parley.ParleyException;
import dev.parley.Query;
import dev.parley.Shared;
import static java.time.Duration.ZERO;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A static query's handler runs once per canonical input, behind middleware that always runs. */
class StaticQueryTest {
  record Range(int from, int to) {}

  static final Query<Shared, Range, String> SPAN =
      Parley.query("span").input(Range.class).output(String.class).asStatic();
  static final Query<Shared, Range, String> PLAIN =
      Parley.query("plain").input(Range.class).output(String.class);
  static final Contract CONTRACT = Contract.of(SPAN, PLAIN);

  private final List<Range> ran = new CopyOnWriteArrayList<>();
  private final AtomicInteger middleware = new AtomicInteger();

  private ParleyServer<Identity<Void>> server(ServerOptions options, Handler<Identity<Void>, Range, String> h) {
    ParleyServer<Identity<Void>> server = ParleyServer.builder(CONTRACT).options(options)
        .use((ctx, call, next) -> {
          middleware.incrementAndGet();
          return next.proceed(ctx);
        })
        .build();
    server.implement(SPAN, h);
    server.implement(PLAIN, (ctx, in) -> {
      ran.add(in);
      return in.from() + ".." + in.to();
    });
    return server;
  }

  private ParleyServer<Identity<Void>> server(ServerOptions options) {
    return server(options, (ctx, in) -> {
      ran.add(in);
      return in.from() + ".." + in.to();
    });
  }

  @Test
  void runsTheHandlerOncePerCanonicalInputWhileMiddlewareRunsOnEveryCall() {
    var server = server(ServerOptions.defaults());
    Invoker invoker = server.invoker();

    assertThat(invoker.invoke(SPAN, new Range(1, 3), ZERO)).isEqualTo("1..3");
    assertThat(invoker.invoke(SPAN, new Range(1, 3), ZERO)).isEqualTo("1..3");
    ParleyResponse overHttp = server.handle(Fixture.get("span", Fixture.input("{\"to\":3,\"from\":1}")));
    assertThat(overHttp.bodyText()).isEqualTo("{\"result\":{\"data\":\"1..3\"}}");
    assertThat(invoker.invoke(SPAN, new Range(2, 3), ZERO)).isEqualTo("2..3");

    assertThat(ran).containsExactly(new Range(1, 3), new Range(2, 3));
    assertThat(middleware).hasValue(4);
  }

  @Test
  void aQueryThatIsNotStaticRunsItsHandlerEveryTime() {
    Invoker invoker = server(ServerOptions.defaults()).invoker();

    invoker.invoke(PLAIN, new Range(1, 3), ZERO);
    invoker.invoke(PLAIN, new Range(1, 3), ZERO);

    assertThat(ran).hasSize(2);
  }

  @Test
  void keepsAtMostTheConfiguredNumberOfOutputsDroppingTheLeastRecentlyUsed() {
    Invoker invoker = server(ServerOptions.builder().staticCacheEntries(2).build()).invoker();

    invoker.invoke(SPAN, new Range(1, 1), ZERO);
    invoker.invoke(SPAN, new Range(2, 2), ZERO);
    invoker.invoke(SPAN, new Range(1, 1), ZERO); // 1 is now the most recently used
    invoker.invoke(SPAN, new Range(3, 3), ZERO); // drops 2
    invoker.invoke(SPAN, new Range(1, 1), ZERO);
    invoker.invoke(SPAN, new Range(2, 2), ZERO); // computed again

    assertThat(ran).containsExactly(new Range(1, 1), new Range(2, 2), new Range(3, 3),
        new Range(2, 2));
  }

  @Test
  void withNoEntriesAllowedEveryCallRunsTheHandler() {
    Invoker invoker = server(ServerOptions.builder().staticCacheEntries(0).build()).invoker();

    invoker.invoke(SPAN, new Range(1, 1), ZERO);
    invoker.invoke(SPAN, new Range(1, 1), ZERO);

    assertThat(ran).hasSize(2);
    assertThatThrownBy(() -> ServerOptions.builder().staticCacheEntries(-1).build())
        .hasMessage("staticCacheEntries: -1 (expected: >= 0, 0 for none)");
  }

  @Test
  void aFailureIsNotCachedAndTheNextCallRunsTheHandlerAgain() {
    AtomicInteger calls = new AtomicInteger();
    Invoker invoker = server(ServerOptions.defaults(), (ctx, in) -> {
      if (calls.incrementAndGet() == 1) {
        throw new ParleyException(ErrorCode.CONFLICT, "not ready");
      }
      return "ok " + calls.get();
    }).invoker();

    assertThatThrownBy(() -> invoker.invoke(SPAN, new Range(1, 1), ZERO))
        .isInstanceOf(ParleyException.class).hasMessage("not ready");
    assertThat(invoker.invoke(SPAN, new Range(1, 1), ZERO)).isEqualTo("ok 2");
    assertThat(invoker.invoke(SPAN, new Range(1, 1), ZERO)).isEqualTo("ok 2");
    assertThat(calls).hasValue(2);
  }

  @Test
  void anOutputThatFailsItsSchemaIsNotCached() {
    AtomicInteger calls = new AtomicInteger();
    Invoker invoker = server(ServerOptions.defaults(),
        (ctx, in) -> calls.incrementAndGet() == 1 ? null : "fine").invoker();

    assertThatThrownBy(() -> invoker.invoke(SPAN, new Range(1, 1), ZERO))
        .isInstanceOf(ParleyException.class)
        .satisfies(e -> assertThat(((ParleyException) e).code())
            .isEqualTo(ErrorCode.INTERNAL_SERVER_ERROR));
    assertThat(invoker.invoke(SPAN, new Range(1, 1), ZERO)).isEqualTo("fine");
  }

  @Test
  void callersOfOneInputWhileItIsComputedShareThatOneRun() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger calls = new AtomicInteger();
    Invoker invoker = server(ServerOptions.defaults(), (ctx, in) -> {
      calls.incrementAndGet();
      release.await();
      return "shared";
    }).invoker();
    List<Future<String>> answers = new ArrayList<>();
    try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 8; i++) {
        answers.add(threads.submit(() -> invoker.invoke(SPAN, new Range(5, 6), ZERO)));
      }
      while (middleware.get() < 8) {
        Thread.sleep(5);
      }
      release.countDown();
      for (Future<String> f : answers) {
        assertThat(f.get()).isEqualTo("shared");
      }
    }
    assertThat(calls).hasValue(1);
  }
}
