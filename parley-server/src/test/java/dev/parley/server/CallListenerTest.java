package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.Contract;
import dev.parley.ErrorCode;
import dev.parley.Parley;
import dev.parley.ParleyException;
import dev.parley.Query;
import dev.parley.Shared;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One listener sees every call with its outcome, the calls refused before middleware included. */
class CallListenerTest {
  static final Query<Shared, Void, String> NAP = Parley.query("nap").output(String.class);

  private final List<CallRecord> records = new CopyOnWriteArrayList<>();
  private final List<String> middleware = new CopyOnWriteArrayList<>();

  private ParleyServer<Roles.Ctx> server() {
    ParleyServer<Roles.Ctx> server = ParleyServer.builder(Roles.CONTRACT.with(NAP))
        .authenticate(Roles.BY_TOKEN)
        .context((request, id) -> new Roles.Ctx(id.principalIfAny().orElse("nobody"), id.role().name()))
        .use((ctx, call, next) -> {
          middleware.add(call.name());
          return next.proceed(ctx);
        })
        .listener(records::add)
        .options(ServerOptions.builder().requestTimeout(Duration.ofMillis(300)).build())
        .build();
    server.implement(Roles.WHOAMI, (ctx, in) -> ctx.who());
    server.implement(Roles.SAY, (ctx, in) -> "said").resources((ctx, in, out) -> java.util.Set.of("chat"));
    server.implement(Roles.INBOX, (ctx, in) -> "inbox");
    server.implement(Roles.ANNOUNCE, (ctx, in) -> "announced");
    server.implement(Roles.BAN, (ctx, in) -> "banned");
    server.implement(NAP, (ctx, in) -> {
      Thread.sleep(TimeUnit.MINUTES.toMillis(1));
      return "late";
    });
    return server;
  }

  /** The one record so far; the listener runs just after the answer is handed over. */
  private CallRecord only() {
    awaitRecords(1);
    assertThat(records).hasSize(1);
    return records.remove(0);
  }

  private void awaitRecords(int n) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (records.size() < n && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
  }

  @Test
  void seesASuccessWithItsCallerTransportAndResources() {
    var server = server();
    server.handle(Roles.post("u-token", "say", "", "{\"text\":\"hi\"}"));

    CallRecord r = only();
    assertThat(r.name()).isEqualTo("say");
    assertThat(r.descriptor()).contains(Roles.SAY);
    assertThat(r.succeeded()).isTrue();
    assertThat(r.error()).isEmpty();
    assertThat(r.identity()).isEqualTo(Roles.TOKENS.get("u-token"));
    assertThat(r.transport()).isEqualTo(Transport.HTTP);
    assertThat(r.request()).isPresent();
    assertThat(r.resources()).containsExactly("chat");
    assertThat(r.duration()).isPositive();
  }

  @Test
  void seesCallsRefusedBeforeAnyMiddleware() {
    var server = server();
    server.handle(Roles.get("u-token", "nope", ""));
    server.handle(Roles.get("u-token", "announce", ""));
    server.handle(Roles.post("u-token", "say", "", "{\"text\":\" \"}"));
    server.handle(Roles.get("wrong", "whoami,inbox", "batch=1"));

    awaitRecords(5);
    assertThat(middleware).isEmpty();
    java.util.Map<String, CallRecord> byName = new java.util.HashMap<>();
    records.forEach(r -> byName.put(r.name(), r));
    assertThat(byName).containsOnlyKeys("nope", "announce", "say", "whoami", "inbox");
    assertThat(byName.get("nope").error().orElseThrow().code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(byName.get("nope").descriptor()).isEmpty();
    assertThat(byName.get("announce").error().orElseThrow().code())
        .isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(byName.get("announce").descriptor())
        .as("another role's is as absent as a missing one").isEmpty();
    assertThat(byName.get("say").error().orElseThrow().code()).isEqualTo(ErrorCode.BAD_REQUEST);
    assertThat(byName.get("say").descriptor()).contains(Roles.SAY);
    assertThat(byName.get("whoami").error().orElseThrow().code())
        .isEqualTo(ErrorCode.UNAUTHORIZED);
    assertThat(byName.get("inbox").error().orElseThrow().code()).isEqualTo(ErrorCode.UNAUTHORIZED);
    assertThat(byName.get("whoami").identity()).isEqualTo(Identity.anonymous());
  }

  @Test
  void seesATimeoutAndAnInProcessCall() {
    var server = server();
    server.handle(Roles.get(null, "nap", ""));
    CallRecord timedOut = only();
    assertThat(timedOut.succeeded()).isFalse();
    assertThat(timedOut.error().orElseThrow().code()).isEqualTo(ErrorCode.TIMEOUT);

    server.invoker(Roles.TOKENS.get("a-token")).invoke(Roles.WHOAMI, null, Duration.ZERO);
    CallRecord local = only();
    assertThat(local.transport()).isEqualTo(Transport.IN_PROCESS);
    assertThat(local.request()).isEmpty();
    assertThat(local.identity().principal()).isEqualTo("bot");
  }

  @Test
  void aFailingListenerDoesNotFailTheCall() {
    var server = ParleyServer.builder(Contract.of(Roles.WHOAMI))
        .listener(r -> {
          throw new IllegalStateException("listener bug");
        })
        .build();
    server.implement(Roles.WHOAMI, (ctx, in) -> "me");
    assertThat(server.invoker().invoke(Roles.WHOAMI, null, Duration.ZERO)).isEqualTo("me");
  }

  @Test
  void refusesAMiddlewareThatHandsBackNoResultOfItsCall() {
    Middleware<Identity<Void>, Identity<Void>> forger = (ctx, call, next) -> null;
    var server = ParleyServer.builder(Contract.of(Roles.WHOAMI)).use(forger).build();
    server.implement(Roles.WHOAMI, (ctx, in) -> "me");
    assertThatThrownBy(() -> server.invoker().invoke(Roles.WHOAMI, null, Duration.ZERO))
        .isInstanceOfSatisfying(ParleyException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL_SERVER_ERROR));
  }
}
