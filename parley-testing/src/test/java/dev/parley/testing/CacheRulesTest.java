package dev.parley.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Contract;
import dev.parley.Mutation;
import dev.parley.Parley;
import dev.parley.Query;
import dev.parley.Shared;
import dev.parley.client.ParleyClient;
import dev.parley.server.ParleyServer;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client's query cache with its default options (no {@code staleAfter}): a plain query always
 * calls the server, a cacheable one is answered from the cache until an overlapping mutation, a
 * static one is called once per input whatever changes, over HTTP through the real transport.
 */
class CacheRulesTest {
  static final Query<Shared, Void, Integer> PLAIN = Parley.query("plain").output(Integer.class);
  static final Query<Shared, Void, Integer> CACHEABLE =
      Parley.query("cacheable").output(Integer.class).cacheable();
  static final Query<Shared, Integer, Integer> STATIC =
      Parley.query("static").input(Integer.class).output(Integer.class).asStatic();
  static final Mutation<Shared, Void, Void> TOUCH = Parley.mutation("touch");
  static final Mutation<Shared, Void, Void> ELSEWHERE = Parley.mutation("elsewhere");
  static final Contract CONTRACT = Contract.of(PLAIN, CACHEABLE, STATIC, TOUCH, ELSEWHERE);

  private final AtomicInteger plainCalls = new AtomicInteger();
  private final AtomicInteger cacheableCalls = new AtomicInteger();
  private final AtomicInteger staticCalls = new AtomicInteger();
  private final CountDownLatch reading = new CountDownLatch(1);
  private volatile CountDownLatch hold;
  private final TestServer test = ParleyTest.http(server());
  private final ParleyClient<Shared> client = test.client();

  private ParleyServer<?> server() {
    var server = ParleyServer.builder(CONTRACT).build();
    server.implement(PLAIN, (ctx, in) -> plainCalls.incrementAndGet())
        .resources((ctx, in, out) -> Set.of("data"));
    server.implement(CACHEABLE, (ctx, in) -> {
      int n = cacheableCalls.incrementAndGet(); // read before it waits: the answer of this moment
      CountDownLatch gate = hold;
      if (gate != null) {
        reading.countDown();
        gate.await();
      }
      return n;
    }).resources((ctx, in, out) -> Set.of("data"));
    server.implement(STATIC, (ctx, in) -> {
      staticCalls.incrementAndGet();
      return in * 2;
    }).resources((ctx, in, out) -> Set.of("data"));
    server.implement(TOUCH, (ctx, in) -> null).resources((ctx, in, out) -> Set.of("data"));
    server.implement(ELSEWHERE, (ctx, in) -> null).resources((ctx, in, out) -> Set.of("other"));
    return server;
  }

  @AfterEach
  void close() {
    test.close();
  }

  @Test
  void aPlainQueryCallsTheServerEveryTime() {
    assertThat(client.query(PLAIN)).isEqualTo(1);
    assertThat(client.query(PLAIN)).isEqualTo(2);
  }

  @Test
  void aCacheableQueryIsAnsweredFromTheCacheUntilAnOverlappingMutation() {
    assertThat(client.query(CACHEABLE)).isEqualTo(1);
    assertThat(client.query(CACHEABLE)).isEqualTo(1);
    client.mutate(ELSEWHERE, null);
    assertThat(client.query(CACHEABLE)).as("another resource changed").isEqualTo(1);

    client.mutate(TOUCH, null);

    assertThat(client.query(CACHEABLE)).isEqualTo(2);
    assertThat(client.query(CACHEABLE)).isEqualTo(2);
    assertThat(cacheableCalls).hasValue(2);
  }

  @Test
  void aMutationWhileTheFirstAnswerIsOnItsWayKeepsThatAnswerFromBeingCached() throws Exception {
    hold = new CountDownLatch(1);
    CompletableFuture<Integer> first = client.queryAsync(CACHEABLE);
    assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue(); // it read the data, not answered yet
    client.mutate(TOUCH, null); // changes what it read
    CountDownLatch gate = hold;
    hold = null;
    gate.countDown();
    assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(1);

    assertThat(client.query(CACHEABLE)).as("the answer read before the change is stale")
        .isEqualTo(2);
  }

  @Test
  void aStaticQueryIsCalledOncePerInputWhateverChanges() {
    assertThat(client.query(STATIC, 2)).isEqualTo(4);
    client.mutate(TOUCH, null);
    assertThat(client.query(STATIC, 2)).isEqualTo(4);
    assertThat(client.query(STATIC, 3)).isEqualTo(6);
    assertThat(client.query(STATIC, 3)).isEqualTo(6);
    assertThat(staticCalls).as("once per input, and the server keeps it too").hasValue(2);
  }

  @Test
  void anotherClientsMutationDoesNotReachAnHttpClientsCache() {
    assertThat(client.query(CACHEABLE)).isEqualTo(1);
    ParleyClient<Shared> other = test.client(dev.parley.Role.SHARED,
        dev.parley.client.ClientOptions.defaults());
    other.mutate(TOUCH, null);
    assertThat(client.query(CACHEABLE))
        .as("over HTTP a client hears only of its own mutations").isEqualTo(1);
  }
}
