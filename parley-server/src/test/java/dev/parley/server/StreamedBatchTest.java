package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Contract;
import dev.parley.Parley;
import dev.parley.Query;
import dev.parley.Shared;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A batch asked for with {@code trpc-accept: application/jsonl} is answered call by call. */
class StreamedBatchTest {
  static final Query<Shared, Void, String> FAST = Parley.query("fast").output(String.class);
  static final Query<Shared, Void, String> SLOW = Parley.query("slow").output(String.class);

  private final CountDownLatch release = new CountDownLatch(1);

  private ParleyServer<Identity<Void>> server() {
    var server = ParleyServer.builder(Contract.of(FAST, SLOW)).build();
    server.implement(FAST, (ctx, in) -> "quick");
    server.implement(SLOW, (ctx, in) -> {
      release.await(10, TimeUnit.SECONDS);
      return "late";
    });
    return server;
  }

  private static ParleyRequest streamed(String path, String query, String accept) {
    return new ParleyRequest("GET", path, query, Map.of(accept, List.of("application/jsonl")),
        new byte[0], null);
  }

  @Test
  void writesEachAnswerAsSoonAsItIsReady() throws Exception {
    var answer = new Captured();
    Thread.ofVirtual().start(() -> server().handle(streamed("slow,fast", "batch=1", "trpc-accept"), answer));

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (answer.chunks.size() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(answer.chunks).containsExactly("{\"0\":[[0],[null,0,0]],\"1\":[[0],[null,0,1]]}\n",
        "[1,0,[[{\"result\":{\"data\":\"quick\"}}]]]\n");
    assertThat(answer.answer).isNotDone();
    release.countDown();

    ParleyResponse whole = answer.get();
    assertThat(whole.status()).isEqualTo(200);
    assertThat(whole.headers()).containsEntry("content-type", "application/jsonl");
    assertThat(answer.chunks).last().isEqualTo("[0,0,[[{\"result\":{\"data\":\"late\"}}]]]\n");
  }

  @Test
  void answersAnErrorOfACallInsideTheStream() throws Exception {
    release.countDown();
    ParleyResponse r = server().handle(streamed("fast,nope", "batch=1", "accept"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.bodyText()).contains("[1,0,[[{\"error\":{\"message\":\"No procedure found on path"
        + " \\\"nope\\\"\",\"code\":-32004,\"data\":{\"code\":\"NOT_FOUND\",\"httpStatus\":404,"
        + "\"path\":\"nope\"}}}]]]\n");
  }

  @Test
  void refusesAStreamThatIsNotABatch() {
    release.countDown();
    ParleyResponse r = server().handle(streamed("fast", "", "trpc-accept"));
    WireAssert.assertError(r, 400, "BAD_REQUEST", -32600, null);
    assertThat(r.bodyText()).contains("Streaming requests must be batched");
  }
}
