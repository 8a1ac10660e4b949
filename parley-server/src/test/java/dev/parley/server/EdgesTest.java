package dev.parley.server;

import static dev.parley.server.Fixture.get;
import static dev.parley.server.Fixture.post;
import static dev.parley.server.WireAssert.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Contract;
import dev.parley.Parley;
import dev.parley.Query;
import dev.parley.Shared;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The limits and the lifecycle at their edges: exactly at a limit, callers gone or interrupted. */
class EdgesTest {
  static final Query<Shared, Void, String> HOLD = Parley.query("hold").output(String.class);

  private final CountDownLatch running = new CountDownLatch(1);
  private final CountDownLatch interrupted = new CountDownLatch(1);

  private ParleyServer<Identity<Void>> holding(ServerOptions options) {
    var server = ParleyServer.builder(Contract.of(HOLD)).options(options).build();
    server.implement(HOLD, (ctx, in) -> {
      running.countDown();
      try {
        Thread.sleep(TimeUnit.MINUTES.toMillis(1));
        return "late";
      } catch (InterruptedException e) {
        interrupted.countDown();
        throw e;
      }
    });
    return server;
  }

  private static ParleyRequest jsonPost(String path, String contentType, String body) {
    return post(path, "", body.getBytes(StandardCharsets.UTF_8), contentType);
  }

  @Test
  void acceptsJsonContentTypesAndRefusesOthers() {
    var server = Fixture.server();
    for (String ok : List.of("application/json", "APPLICATION/JSON", " application/json ; charset=\"UTF-8\"",
        "application/json;charset=utf8", "application/json; foo=bar", "application/json;charset")) {
      assertThat(server.handle(jsonPost("ping", ok, "")).status()).as(ok).isEqualTo(200);
    }
    for (String bad : List.of("application/jsonx", "text/json", "application/json;charset=latin1",
        "application/json; CHARSET = iso-8859-1", ";application/json")) {
      assertError(server.handle(jsonPost("ping", bad, "")), 415, "UNSUPPORTED_MEDIA_TYPE", -32015, null);
    }
  }

  @Test
  void takesABodyOfExactlyTheLimitAndABatchOfExactlyTheLimit() {
    var server = Fixture.server();
    int max = Fixture.OPTIONS.maxBodyBytes();
    String text = "{\"text\":\"x\"}";
    String padded = text + " ".repeat(max - text.length());
    assertThat(server.handle(jsonPost("todos.add", "application/json", padded)).status()).isEqualTo(200);
    assertError(server.handle(jsonPost("todos.add", "application/json", padded + " ")),
        413, "PAYLOAD_TOO_LARGE", -32013, null);
    String four = String.join(",", List.of("todos.list", "todos.list", "todos.list", "todos.list"));
    assertThat(server.handle(get(four, "batch=1")).status()).isEqualTo(200);
    assertError(server.handle(get(four + ",todos.list", "batch=1")), 400, "BAD_REQUEST", -32600, null);
  }

  @Test
  void streamsWhenJsonLinesIsOneOfTheAcceptedTypesOnly() {
    var server = Fixture.server();
    var streamed = server.handle(new ParleyRequest("GET", "todos.list", "batch=1",
        Map.of("accept", List.of("text/html, application/jsonl")), new byte[0], null));
    assertThat(streamed.headers()).containsEntry("content-type", "application/jsonl");
    var plain = server.handle(new ParleyRequest("GET", "todos.list", "batch=1",
        Map.of("accept", List.of("application/json")), new byte[0], null));
    assertThat(plain.headers()).containsEntry("content-type", "application/json");
    var notJsonl = server.handle(new ParleyRequest("GET", "todos.list", "batch=1",
        Map.of("trpc-accept", List.of("application/json")), new byte[0], null));
    assertThat(notJsonl.headers()).containsEntry("content-type", "application/json");
  }

  @Test
  void answersWithoutADeadlineWhenTheServerHasNone() {
    var server = Fixture.implement(ParleyServer.builder(Fixture.CONTRACT)
        .options(ServerOptions.builder().requestTimeout(Duration.ZERO).build()).build());
    assertThat(server.invoker().invoke(Fixture.LIST, null, Duration.ZERO)).hasSize(1);
    assertThat(server.handle(get("todos.list", "")).status()).isEqualTo(200);
  }

  @Test
  void cancelsAtOnceTheCallsOfAClientAlreadyGone() throws Exception {
    var server = holding(ServerOptions.defaults());
    var answer = new Captured() {
      @Override
      public void whenGone(Runnable onGone) {
        onGone.run();
      }
    };
    server.handle(get("hold", ""), answer);
    assertError(answer.get(), 499, "CLIENT_CLOSED_REQUEST", -32099, "hold");
  }

  @Test
  void passesTheClientsGoingAwayThroughTheCorsAnswer() throws Exception {
    var server = holding(ServerOptions.builder().allowedOrigins("https://app.example.com").build());
    var answer = new Captured();
    var request = new ParleyRequest("GET", "hold", "", Map.of("origin",
        List.of("https://app.example.com"), "host", List.of("localhost:8080")), new byte[0], null);
    Thread.ofVirtual().start(() -> server.handle(request, answer));
    assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
    answer.onGone.run();
    assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
    var r = answer.get();
    assertThat(r.status()).isEqualTo(499);
    assertThat(r.headers()).containsEntry("access-control-allow-origin", "https://app.example.com");
  }

  @Test
  void interruptsTheCallsOfABlockingCallerThatIsInterrupted() throws Exception {
    var server = holding(ServerOptions.defaults());
    var answer = new CompletableFuture<ParleyResponse>();
    var interruptedAfter = new CompletableFuture<Boolean>();
    Thread caller = Thread.ofVirtual().start(() -> {
      answer.complete(server.handle(get("hold", "")));
      interruptedAfter.complete(Thread.currentThread().isInterrupted());
    });
    assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
    caller.interrupt();
    assertError(answer.get(10, TimeUnit.SECONDS), 499, "CLIENT_CLOSED_REQUEST", -32099, null);
    assertThat(interruptedAfter.get(10, TimeUnit.SECONDS)).as("keeps its interrupt").isTrue();
    assertThat(interrupted.await(10, TimeUnit.SECONDS)).as("the handler saw it").isTrue();
  }

  @Test
  void anInterruptedShutdownReportsFailureAndKeepsTheInterrupt() throws Exception {
    var server = holding(ServerOptions.defaults());
    Thread.ofVirtual().start(() -> server.handle(get("hold", "")));
    assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
    var result = new CompletableFuture<Boolean>();
    var flag = new CompletableFuture<Boolean>();
    Thread closer = Thread.ofVirtual().start(() -> {
      result.complete(server.shutdown(Duration.ofMinutes(1)));
      flag.complete(Thread.currentThread().isInterrupted());
    });
    Thread.sleep(50);
    closer.interrupt();
    assertThat(result.get(10, TimeUnit.SECONDS)).isFalse();
    assertThat(flag.get(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void describesItsPartsInToString() {
    var server = Fixture.server();
    Procedures<Identity<Void>> base = server.procedures();
    assertThat(base.toString()).isEqualTo("Procedures[]");
    assertThat(server.invoker(Identity.anonymous()).toString()).isEqualTo("Invoker[shared]");
    var call = new Call(Fixture.LIST, null, Identity.anonymous(), Transport.IN_PROCESS, null);
    assertThat(call.toString()).isEqualTo("Call[todos.list, IN_PROCESS]");
    var s = ParleyServer.builder(Contract.of(HOLD)).build();
    assertThat(s.implement(HOLD, (ctx, in) -> "x").toString()).isEqualTo("Implementation[hold]");
  }
}
