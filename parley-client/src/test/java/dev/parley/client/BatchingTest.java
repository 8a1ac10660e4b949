package dev.parley.client;

import static dev.parley.client.TestApi.ADD;
import static dev.parley.client.TestApi.CONTRACT;
import static dev.parley.client.TestApi.ECHO;
import static dev.parley.client.TestApi.FAIL;
import static dev.parley.client.TestApi.NOTHING;
import static dev.parley.client.TestApi.SLOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.ErrorCode;
import dev.parley.Shared;
import dev.parley.client.TestApi.NewTodo;
import dev.parley.client.TestApi.Todo;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Batching and de-duplication, counted at a real local HTTP endpoint. Each test fills the client's
 * only request slot with {@code slow}, which answers when the test opens the server's gate, so the
 * calls made meanwhile are known to wait together.
 */
class BatchingTest {
  private CannedServer server;

  @BeforeEach
  void start() throws Exception {
    server = new CannedServer();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private ParleyClient<Shared> client(ClientOptions.Builder options) {
    return ParleyClient.http(server.uri(), CONTRACT, options.maxConcurrentRequests(1).build());
  }

  /** Starts {@code slow} and waits until the server holds it: the one slot is now busy. */
  private CompletableFuture<String> busy(ParleyClient<Shared> client) throws Exception {
    CompletableFuture<String> slow = client.queryAsync(SLOW);
    assertThat(server.slowArrived.await(10, TimeUnit.SECONDS)).isTrue();
    return slow;
  }

  @Test
  void loneCallsLeaveAloneWithoutBatch() {
    try (ParleyClient<Shared> client = client(ClientOptions.builder())) {
      client.query(ECHO, "a");
      client.query(ECHO, "b");
    }
    assertThat(server.received).hasSize(2).noneMatch(CannedServer.Received::batch);
  }

  @Test
  void queriesMadeWhileBusyLeaveAsOneGetBatch() throws Exception {
    try (ParleyClient<Shared> client = client(ClientOptions.builder())) {
      CompletableFuture<String> slow = busy(client);
      var a = client.queryAsync(ECHO, "a");
      var b = client.queryAsync(ECHO, "b");
      var none = client.queryAsync(NOTHING);
      var c = client.queryAsync(ECHO, "c");
      server.gate.countDown();

      assertThat(slow.join()).isEqualTo("done");
      assertThat(List.of(a.join(), b.join(), c.join())).containsExactly("a", "b", "c");
      assertThat(none.join()).isNull();
    }
    assertThat(server.received).hasSize(2);
    CannedServer.Received batch = server.received.get(1);
    assertThat(batch.method()).isEqualTo("GET");
    assertThat(batch.batch()).isTrue();
    assertThat(batch.names()).containsExactly("echo", "echo", "nothing", "echo");
    assertThat(batch.input()).isEqualTo("{\"0\":\"a\",\"1\":\"b\",\"3\":\"c\"}");
  }

  @Test
  void mutationsMadeWhileBusyLeaveAsOnePostBatchApartFromQueries() throws Exception {
    try (ParleyClient<Shared> client = client(ClientOptions.builder())) {
      CompletableFuture<String> slow = busy(client);
      var q1 = client.queryAsync(ECHO, "q1");
      var m1 = client.mutateForResultAsync(ADD, new NewTodo("m1"));
      var q2 = client.queryAsync(ECHO, "q2");
      var m2 = client.mutateAsync(ADD, new NewTodo("m2"));
      server.gate.countDown();

      slow.join();
      assertThat(q1.join()).isEqualTo("q1");
      assertThat(q2.join()).isEqualTo("q2");
      assertThat(m1.join().value().text()).isEqualTo("m1");
      assertThat(m1.join().resources()).contains("todos");
      assertThat(m2.join().text()).isEqualTo("m2");
    }
    assertThat(server.received).hasSize(3);
    CannedServer.Received queries = server.received.get(1);
    CannedServer.Received mutations = server.received.get(2);
    assertThat(queries.method()).isEqualTo("GET");
    assertThat(queries.names()).containsExactly("echo", "echo");
    assertThat(mutations.method()).isEqualTo("POST");
    assertThat(mutations.batch()).isTrue();
    assertThat(mutations.names()).containsExactly("todos.add", "todos.add");
    assertThat(mutations.contentType()).isEqualTo("application/json");
    assertThat(mutations.body()).isEqualTo("{\"0\":{\"text\":\"m1\"},\"1\":{\"text\":\"m2\"}}");
  }

  @Test
  void errorInBatchFailsOnlyItsOwnCall() throws Exception {
    try (ParleyClient<Shared> client = client(ClientOptions.builder())) {
      CompletableFuture<String> slow = busy(client);
      var ok = client.queryAsync(ECHO, "fine");
      var bad = client.queryAsync(FAIL, "x");
      server.gate.countDown();
      slow.join();

      assertThat(ok.join()).isEqualTo("fine");
      ParleyClientException e = failure(bad);
      assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
      assertThat(e.httpStatus()).isEqualTo(400);
      assertThat(e.issues()).hasSize(1);
    }
    assertThat(server.received).hasSize(2);
  }

  @Test
  void splitsBatchAtMaxBatchSize() throws Exception {
    try (ParleyClient<Shared> client = client(ClientOptions.builder().maxBatchSize(2))) {
      CompletableFuture<String> slow = busy(client);
      List<CompletableFuture<String>> calls = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        calls.add(client.queryAsync(ECHO, "n" + i));
      }
      server.gate.countDown();
      slow.join();
      assertThat(calls).extracting(CompletableFuture::join)
          .containsExactly("n0", "n1", "n2", "n3", "n4");
    }
    assertThat(server.received).extracting(r -> r.names().size()).containsExactly(1, 2, 2, 1);
  }

  @Test
  void splitsQueryBatchWhoseUrlWouldBeTooLong() throws Exception {
    String long1 = "x".repeat(300);
    int maxUrl = server.uri().toString().length() + 500;
    try (ParleyClient<Shared> client = client(ClientOptions.builder().maxUrlLength(maxUrl))) {
      CompletableFuture<String> slow = busy(client);
      var a = client.queryAsync(ECHO, long1 + "a");
      var b = client.queryAsync(ECHO, long1 + "b");
      var c = client.queryAsync(ECHO, "c");
      server.gate.countDown();
      slow.join();
      assertThat(a.join()).endsWith("a");
      assertThat(b.join()).endsWith("b");
      assertThat(c.join()).isEqualTo("c");
    }
    assertThat(server.received).extracting(r -> r.names().size()).containsExactly(1, 1, 2);
    for (CannedServer.Received r : server.received) {
      int length = server.uri().toString().length() - CannedServer.BASE.length() + r.path().length()
          + (r.query() == null ? 0 : r.query().length() + 1);
      assertThat(length).isLessThanOrEqualTo(maxUrl);
    }
  }

  @Test
  void withBatchingOffEveryCallIsItsOwnRequest() throws Exception {
    try (ParleyClient<Shared> client = client(ClientOptions.builder().batching(false))) {
      CompletableFuture<String> slow = busy(client);
      var a = client.queryAsync(ECHO, "a");
      var b = client.queryAsync(ECHO, "b");
      assertThat(a.get(10, TimeUnit.SECONDS)).isEqualTo("a"); // did not wait for the slot
      assertThat(b.get(10, TimeUnit.SECONDS)).isEqualTo("b");
      server.gate.countDown();
      slow.join();
    }
    assertThat(server.received).hasSize(3).noneMatch(CannedServer.Received::batch);
  }

  @Test
  void identicalQueriesInFlightShareOneCall() throws Exception {
    try (ParleyClient<Shared> client = client(ClientOptions.builder().maxConcurrentRequests(4))) {
      var first = client.queryAsync(SLOW);
      assertThat(server.slowArrived.await(10, TimeUnit.SECONDS)).isTrue();
      var second = client.queryAsync(SLOW);
      var third = client.queryAsync(SLOW);
      server.gate.countDown();

      assertThat(List.of(first.join(), second.join(), third.join())).containsOnly("done");
      assertThat(server.received).hasSize(1);
      assertThat(client.query(SLOW)).isEqualTo("done"); // answered: the next one calls again
    }
    assertThat(server.received).hasSize(2);
  }

  @Test
  void queuedIdenticalQueriesLeaveOnceInTheBatch() throws Exception {
    try (ParleyClient<Shared> client = client(ClientOptions.builder())) {
      CompletableFuture<String> slow = busy(client);
      var a1 = client.queryAsync(ECHO, "a");
      var b = client.queryAsync(ECHO, "b");
      var a2 = client.queryAsync(ECHO, "a");
      server.gate.countDown();
      slow.join();
      assertThat(List.of(a1.join(), b.join(), a2.join())).containsExactly("a", "b", "a");
    }
    assertThat(server.received).hasSize(2);
    assertThat(server.received.get(1).names()).containsExactly("echo", "echo");
  }

  @Test
  void identicalMutationsAreNeverShared() throws Exception {
    try (ParleyClient<Shared> client = client(ClientOptions.builder())) {
      CompletableFuture<String> slow = busy(client);
      var m1 = client.mutateAsync(ADD, new NewTodo("same"));
      var m2 = client.mutateAsync(ADD, new NewTodo("same"));
      server.gate.countDown();
      slow.join();
      assertThat(List.of(m1.join(), m2.join())).extracting(Todo::id).doesNotHaveDuplicates();
    }
    assertThat(server.received.get(1).names()).hasSize(2);
  }

  @Test
  void withDeduplicationOffIdenticalQueriesCallTwice() throws Exception {
    try (ParleyClient<Shared> client = client(ClientOptions.builder().deduplicate(false))) {
      CompletableFuture<String> slow = busy(client);
      var a1 = client.queryAsync(ECHO, "a");
      var a2 = client.queryAsync(ECHO, "a");
      server.gate.countDown();
      slow.join();
      assertThat(List.of(a1.join(), a2.join())).containsExactly("a", "a");
    }
    assertThat(server.received.get(1).names()).hasSize(2);
  }

  @Test
  void cancellingOneSharerLeavesTheOthersCall() throws Exception {
    try (ParleyClient<Shared> client = client(ClientOptions.builder().maxConcurrentRequests(4))) {
      var first = client.queryAsync(SLOW);
      assertThat(server.slowArrived.await(10, TimeUnit.SECONDS)).isTrue();
      var second = client.queryAsync(SLOW);
      assertThat(first.cancel(true)).isTrue();
      server.gate.countDown();

      assertThat(second.join()).isEqualTo("done");
    }
    assertThat(server.received).hasSize(1);
  }

  @Test
  void cancelledQueuedCallNeverLeaves() throws Exception {
    try (ParleyClient<Shared> client = client(ClientOptions.builder())) {
      CompletableFuture<String> slow = busy(client);
      var dropped = client.queryAsync(ECHO, "dropped");
      var kept = client.queryAsync(ECHO, "kept");
      dropped.cancel(true);
      server.gate.countDown();
      slow.join();
      assertThat(kept.join()).isEqualTo("kept");
    }
    assertThat(server.received).hasSize(2);
    assertThat(server.received.get(1).input()).isEqualTo("\"kept\"");
  }

  @Test
  void closeFailsQueuedAndInFlightCalls() throws Exception {
    ParleyClient<Shared> client = client(ClientOptions.builder());
    CompletableFuture<String> slow = busy(client);
    var queued = client.queryAsync(ECHO, "q");

    client.close();

    assertThat(failure(queued).code()).isEqualTo(ErrorCode.CLIENT_CLOSED_REQUEST);
    assertThat(failure(slow).code()).isEqualTo(ErrorCode.CLIENT_CLOSED_REQUEST);
    assertThat(server.received).hasSize(1);
  }

  static ParleyClientException failure(CompletableFuture<?> future) {
    try {
      future.get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      Throwable cause = e instanceof CompletionException || e.getCause() != null ? e.getCause() : e;
      assertThat(cause).isInstanceOf(ParleyClientException.class);
      return (ParleyClientException) cause;
    }
    throw new AssertionError("expected the call to fail");
  }
}
