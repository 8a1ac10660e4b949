package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.Contract;
import dev.parley.ErrorCode;
import dev.parley.Invoker;
import dev.parley.Parley;
import dev.parley.ParleyException;
import dev.parley.Role;
import dev.parley.Shared;
import dev.parley.Subscription;
import dev.parley.SubscriptionListener;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * Subscriptions through the one pipeline: over SSE (tRPC's {@code httpSubscriptionLink} wire) and
 * in process, with resume, cancellation, roles, middleware and shutdown.
 */
class SubscriptionTest {
  interface Member extends Shared {}

  static final Role<Member> MEMBER = Role.of("member", Member.class);

  record Count(@Min(1) @Max(100) int count) {}

  record Tick(long n) {}

  record Resumable(@NotBlank String room, @Nullable String lastEventId) {}

  static final Subscription<Shared, Count, Tick> TICKS =
      Parley.subscription("ticks").input(Count.class).output(Tick.class);
  static final Subscription<Shared, Void, String> RESUME =
      Parley.subscription("resume").output(String.class);
  static final Subscription<Shared, Resumable, String> DECLARED =
      Parley.subscription("declared").input(Resumable.class).output(String.class);
  static final Subscription<Shared, Void, Tick> FOREVER =
      Parley.subscription("forever").output(Tick.class);
  static final Subscription<Shared, Void, Tick> FAILS =
      Parley.subscription("fails").output(Tick.class);
  static final Subscription<Shared, Void, Count> BAD_VALUE =
      Parley.subscription("badValue").output(Count.class);
  static final Subscription<Member, Void, String> SECRET =
      Parley.subscription("secret").role(MEMBER).output(String.class);
  static final Subscription<Shared, Void, Tick> PUBLISHED =
      Parley.subscription("published").output(Tick.class);
  static final dev.parley.Query<Shared, Void, Integer> ACTIVE =
      Parley.query("forever.active").output(Integer.class);
  static final Contract CONTRACT =
      Contract.of(TICKS, RESUME, DECLARED, FOREVER, FAILS, BAD_VALUE, SECRET, PUBLISHED, ACTIVE);

  private final AtomicInteger live = new AtomicInteger();
  private final List<String> seen = new CopyOnWriteArrayList<>();
  private final CountDownLatch foreverStarted = new CountDownLatch(1);
  private final CountDownLatch foreverEnded = new CountDownLatch(1);
  private final AtomicBoolean sawCancelled = new AtomicBoolean();

  private ParleyServer<Identity<String>> server(ServerOptions options,
      Middleware<Identity<String>, Identity<String>> m) {
    ParleyServer<Identity<String>> server = ParleyServer.builder(CONTRACT)
        .authenticate(request -> request.header("authorization").isPresent()
            ? Identity.of(MEMBER, "ada") : Identity.<String>anonymous())
        .options(options)
        .build();
    Procedures<Identity<String>> base = server.procedures().use(m);
    base.implement(TICKS, (ctx, in, sink) -> {
      for (int n = 0; n < in.count(); n++) {
        sink.next(Integer.toString(n), new Tick(n));
      }
    });
    base.implement(RESUME, (ctx, in, sink) -> sink.next(sink.lastEventId().orElse("none")));
    base.implement(DECLARED, (ctx, in, sink) ->
        sink.next(in.room() + "/" + in.lastEventId() + "/" + sink.lastEventId().orElse("none")));
    base.implement(FOREVER, (ctx, in, sink) -> {
      live.incrementAndGet();
      try {
        foreverStarted.countDown();
        while (true) {
          Thread.sleep(10_000);
        }
      } catch (InterruptedException e) {
        sawCancelled.set(sink.isCancelled());
        throw e;
      } finally {
        live.decrementAndGet();
        foreverEnded.countDown();
      }
    });
    base.implement(FAILS, (ctx, in, sink) -> {
      sink.next(new Tick(1));
      throw new ParleyException(ErrorCode.CONFLICT, "the feed broke");
    });
    base.implement(BAD_VALUE, (ctx, in, sink) -> sink.next(new Count(0)));
    base.implement(SECRET, (ctx, in, sink) -> sink.next("for " + ctx.principalIfAny().orElse("?")));
    base.implement(PUBLISHED, SubscriptionHandler.publisher((ctx, in) -> {
      SubmissionPublisher<Tick> p = new SubmissionPublisher<>();
      Thread.ofVirtual().start(() -> {
        while (p.getNumberOfSubscribers() == 0) {
          Thread.onSpinWait();
        }
        for (int n = 0; n < 3; n++) {
          p.submit(new Tick(n));
        }
        p.close();
      });
      return p;
    }));
    server.implement(ACTIVE, (ctx, in) -> live.get());
    return server;
  }

  private ParleyServer<Identity<String>> server() {
    return server(ServerOptions.defaults(), (ctx, call, next) -> {
      seen.add("mw:" + call.name());
      return next.proceed(ctx);
    });
  }

  private static ParleyRequest sse(String path, String query, Map<String, List<String>> headers) {
    return new ParleyRequest("GET", path, query, headers, new byte[0], null);
  }

  private static String input(String json) {
    return Fixture.input(json);
  }

  @Test
  void streamsTrackedValuesAsServerSentEventsThenReturn() {
    ParleyResponse r = server().handle(sse("ticks", input("{\"count\":3}"), Map.of()));

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.headers()).containsEntry("content-type", "text/event-stream")
        .containsEntry("cache-control", "no-cache, no-transform");
    assertThat(r.bodyText()).isEqualTo("""
        event: connected
        data: {"reconnectAfterInactivityMs":30000}

        data: {"n":0}
        id: 0

        data: {"n":1}
        id: 1

        data: {"n":2}
        id: 2

        event: return
        data: \n
        """);
    assertThat(seen).containsExactly("mw:ticks");
  }

  @Test
  void answersABadInputAsASerializedErrorInsideA200Stream() {
    ParleyResponse r = server().handle(sse("ticks", input("{\"count\":0}"), Map.of()));

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.bodyText()).startsWith("event: connected\n")
        .contains("event: serialized-error\ndata: {\"message\":")
        .contains("\"code\":\"BAD_REQUEST\"", "\"path\":\"ticks\"", "\"path\":\"count\"")
        .doesNotContain("event: return");
    assertThat(seen).isEmpty();
  }

  @Test
  void endsWithTheHandlersTypedErrorAfterItsValues() {
    String body = server().handle(sse("fails", "", Map.of())).bodyText();

    assertThat(body).contains("data: {\"n\":1}\n\n")
        .contains("event: serialized-error\ndata: {\"message\":\"the feed broke\",\"code\":-32009,"
            + "\"data\":{\"code\":\"CONFLICT\",\"httpStatus\":409,\"path\":\"fails\"}}\n\n");
  }

  @Test
  void endsWithAnInternalErrorWhenAValueFailsTheOutputSchema() {
    String body = server().handle(sse("badValue", "", Map.of())).bodyText();

    assertThat(body).contains("\"code\":\"INTERNAL_SERVER_ERROR\"").doesNotContain("data: {\"count\"");
  }

  @Test
  void readsTheLastEventIdFromTheHeaderTheQueryOrTheInputInThatOrder() {
    var server = server();
    assertThat(server.handle(sse("resume", "", Map.of())).bodyText()).contains("data: \"none\"");
    assertThat(server.handle(sse("resume", input("{\"lastEventId\":\"in\"}"), Map.of()))
        .bodyText()).contains("data: \"in\"");
    assertThat(server.handle(sse("resume", "lastEventId=q%201&" + input("{\"lastEventId\":\"in\"}"),
        Map.of())).bodyText()).contains("data: \"q 1\"");
    assertThat(server.handle(sse("resume", "Last-Event-Id=q2", Map.of())).bodyText())
        .contains("data: \"q2\"");
    assertThat(server.handle(sse("resume", "lastEventId=q",
        Map.of("Last-Event-ID", List.of("h")))).bodyText()).contains("data: \"h\"");
  }

  @Test
  void putsTheLastEventIdIntoAnInputThatDeclaresIt() {
    var server = server();
    assertThat(server.handle(sse("declared", input("{\"room\":\"a\"}"),
        Map.of("last-event-id", List.of("7")))).bodyText()).contains("data: \"a/7/7\"");
    assertThat(server.handle(sse("declared", input("{\"room\":\"a\",\"lastEventId\":\"5\"}"),
        Map.of())).bodyText()).contains("data: \"a/5/5\"");
  }

  @Test
  void refusesALastEventIdThatIsNotAString() {
    String body = server().handle(sse("resume", input("{\"lastEventId\":7}"), Map.of())).bodyText();

    assertThat(body).contains("event: serialized-error").contains("BAD_REQUEST")
        .contains("lastEventId must be a string");
  }

  @Test
  void answersASubscriptionOfAnotherRoleExactlyAsOneThatDoesNotExist() {
    var server = server();
    ParleyResponse hidden = server.handle(sse("secret", input("{"), Map.of()));
    ParleyResponse missing = server.handle(sse("nothing", input("{"), Map.of()));

    assertThat(hidden.status()).isEqualTo(404);
    assertThat(hidden.bodyText().replace("secret", "X"))
        .isEqualTo(missing.bodyText().replace("nothing", "X"));
    assertThat(server.handle(sse("secret", "", Map.of("authorization", List.of("yes"))))
        .bodyText()).contains("data: \"for ada\"");
  }

  @Test
  void refusesASubscriptionInABatchAndByPost() {
    var server = server();
    ParleyResponse batch = server.handle(sse("ticks,forever.active", "batch=1", Map.of()));
    ParleyResponse post = server.handle(new ParleyRequest("POST", "ticks", "",
        Map.of("content-type", List.of("application/json")),
        "{\"count\":1}".getBytes(StandardCharsets.UTF_8), null));

    assertThat(batch.status()).isEqualTo(400);
    assertThat(batch.bodyText()).contains("Cannot batch subscription calls");
    assertThat(post.status()).isEqualTo(405);
    assertThat(post.bodyText()).contains("METHOD_NOT_SUPPORTED");
  }

  @Test
  void cancelsTheHandlerWhenTheClientGoesAway() throws Exception {
    var server = server();
    Captured out = new Captured();
    Thread request = Thread.ofVirtual().start(() -> server.handle(sse("forever", "", Map.of()), out));
    assertThat(foreverStarted.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(server.invoker().invoke(ACTIVE, null, Duration.ZERO)).isEqualTo(1);

    out.onGone.run();

    assertThat(foreverEnded.await(5, TimeUnit.SECONDS)).isTrue();
    request.join(5000);
    assertThat(sawCancelled).isTrue();
    assertThat(server.invoker().invoke(ACTIVE, null, Duration.ZERO)).isZero();
    assertThat(out.get().bodyText()).startsWith("event: connected").doesNotContain("serialized-error");
  }

  @Test
  void sendsPingsWhileIdle() throws Exception {
    var server = server(ServerOptions.builder().keepAlive(Duration.ofMillis(20)).build(),
        (ctx, call, next) -> next.proceed(ctx));
    Captured out = new Captured();
    Thread.ofVirtual().start(() -> server.handle(sse("forever", "", Map.of()), out));
    assertThat(foreverStarted.await(5, TimeUnit.SECONDS)).isTrue();

    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (out.chunks.stream().filter(c -> c.equals("event: ping\ndata: \n\n")).count() < 2
        && System.nanoTime() < until) {
      Thread.sleep(10);
    }
    out.onGone.run();

    assertThat(out.chunks.get(0)).isEqualTo(
        "event: connected\ndata: {\"reconnectAfterInactivityMs\":60}\n\n");
    assertThat(out.chunks).filteredOn(c -> c.startsWith("event: ping")).hasSizeGreaterThan(1);
  }

  @Test
  void shutdownEndsEveryLiveStreamWithServiceUnavailable() throws Exception {
    var server = server();
    Captured out = new Captured();
    Thread.ofVirtual().start(() -> server.handle(sse("forever", "", Map.of()), out));
    assertThat(foreverStarted.await(5, TimeUnit.SECONDS)).isTrue();

    assertThat(server.shutdown(Duration.ofSeconds(5))).isTrue();

    assertThat(out.get().bodyText()).contains("event: serialized-error")
        .contains("\"code\":\"SERVICE_UNAVAILABLE\"");
    assertThat(sawCancelled).isTrue();
    assertThat(server.handle(sse("ticks", input("{\"count\":1}"), Map.of())).status())
        .isEqualTo(503);
  }

  @Test
  void drainsAPublisherOneValueAtATime() {
    String body = server().handle(sse("published", "", Map.of())).bodyText();

    assertThat(body).contains("data: {\"n\":0}\n\ndata: {\"n\":1}\n\ndata: {\"n\":2}\n\nevent: return");
  }

  @Test
  void subscribesInProcessWithTheSameObjectsAndCompletes() throws Exception {
    Invoker invoker = server().invoker();
    Recorder<Tick> r = new Recorder<>();

    Invoker.Stream stream = invoker.subscribe(TICKS, new Count(2), null, r);

    assertThat(r.done.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(r.events).containsExactly("started", "0:Tick[n=0]", "1:Tick[n=1]", "complete");
    assertThat(stream.isDone()).isTrue();
    assertThat(seen).containsExactly("mw:ticks");
  }

  @Test
  void validatesAnInProcessInputAndResumesFromTheGivenId() throws Exception {
    Invoker invoker = server().invoker();
    Recorder<Tick> bad = new Recorder<>();
    Recorder<String> resumed = new Recorder<>();

    invoker.subscribe(TICKS, new Count(0), null, bad);
    invoker.subscribe(RESUME, null, "41", resumed);

    assertThat(bad.done.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(bad.events).singleElement().asString().startsWith("error:BAD_REQUEST");
    assertThat(resumed.done.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(resumed.events).containsExactly("started", "null:41", "complete");
  }

  @Test
  void stopsAnInProcessSubscriptionAndItsListenerHearsNothingMore() throws Exception {
    var server = server();
    Recorder<Tick> r = new Recorder<>();

    Invoker.Stream stream = server.invoker().subscribe(FOREVER, null, null, r);
    assertThat(foreverStarted.await(5, TimeUnit.SECONDS)).isTrue();
    stream.stop();

    assertThat(foreverEnded.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(sawCancelled).isTrue();
    Thread.sleep(50);
    assertThat(r.events).containsExactly("started");
    assertThat(stream.isDone()).isTrue();
  }

  @Test
  void refusesAnInProcessSubscriptionOutsideTheCallersRole() throws Exception {
    Recorder<String> r = new Recorder<>();

    server().invoker().subscribe(SECRET, null, null, r);

    assertThat(r.done.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(r.events).singleElement().asString().startsWith("error:NOT_FOUND");
  }

  @Test
  void revokingACallerEndsItsSubscriptionsOnlyWithUnauthorized() throws Exception {
    var server = server();
    Recorder<Tick> ada = new Recorder<>();
    Recorder<Tick> nobody = new Recorder<>();
    server.invoker(Identity.of(MEMBER, "ada")).subscribe(FOREVER, null, null, ada);
    Invoker.Stream other = server.invoker().subscribe(FOREVER, null, null, nobody);
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (live.get() < 2 && System.nanoTime() < until) {
      Thread.sleep(5);
    }

    int ended = server.revoke(id -> "ada".equals(id.principalIfAny().orElse(null)));

    assertThat(ended).isEqualTo(1);
    assertThat(ada.done.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(ada.events).last().asString().startsWith("error:UNAUTHORIZED");
    assertThat(foreverEnded.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(live.get()).isEqualTo(1);
    assertThat(other.isDone()).isFalse();
    other.stop();
  }

  @Test
  void refusesAnEventIdThatTheStreamCouldNotCarry() {
    ParleyServer<Identity<Void>> server = ParleyServer.builder(Contract.of(RESUME)).build();
    server.implement(RESUME, (ctx, in, sink) -> sink.next("a\nb", "x"));

    assertThat(server.handle(sse("resume", "", Map.of())).bodyText())
        .contains("INTERNAL_SERVER_ERROR").doesNotContain("data: \"x\"");
  }

  @Test
  void implementsASubscriptionOnlyOnce() {
    var server = server();
    assertThatThrownBy(() -> server.implement(TICKS, (ctx, in, sink) -> {}))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("already implemented");
  }

  /** Records a listener's calls as strings; {@link #done} opens at the end. */
  static final class Recorder<O> implements SubscriptionListener<O> {
    final List<String> events = new CopyOnWriteArrayList<>();
    final CountDownLatch done = new CountDownLatch(1);

    @Override
    public void onStarted() {
      events.add("started");
    }

    @Override
    public void onValue(O value, @Nullable String id) {
      events.add(id + ":" + value);
    }

    @Override
    public void onError(ParleyException error) {
      events.add("error:" + error.code() + ":" + error.getMessage());
      done.countDown();
    }

    @Override
    public void onComplete() {
      events.add("complete");
      done.countDown();
    }
  }
}
