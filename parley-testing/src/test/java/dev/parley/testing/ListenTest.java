package dev.parley.testing;

import static dev.parley.testing.SubscribeTest.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Role;
import dev.parley.Shared;
import dev.parley.client.ClientOptions;
import dev.parley.client.LiveQuery;
import dev.parley.client.ParleyClient;
import dev.parley.client.ParleyClientException;
import dev.parley.testing.Shelf.Id;
import dev.parley.testing.Shelf.Text;
import dev.parley.testing.Shelf.Todo;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Listeners with two (or more) Java clients through the real server and transport: client B
 * listens over a WebSocket, client A mutates over HTTP, and B refetches exactly when a mutation
 * overlaps what its query declared.
 */
class ListenTest {
  private final Shelf shelf = new Shelf();
  private final TestServer test = ParleyTest.http(shelf.server());
  private final ParleyClient<Shared> a = test.client();
  private final ParleyClient<Shared> b = websocket();
  private final BlockingQueue<Object> heard = new LinkedBlockingQueue<>();

  @AfterEach
  void close() {
    test.close();
  }

  private ParleyClient<Shared> websocket() {
    return test.websocket(Role.SHARED, ClientOptions.builder()
        .reconnectDelay(Duration.ofMillis(20)).maxReconnectDelay(Duration.ofMillis(100)).build());
  }

  private LiveQuery listenToTodos(ParleyClient<Shared> client) throws InterruptedException {
    LiveQuery live = client.listen(Shelf.TODOS, null, heard::add, heard::add);
    assertThat(next()).isEqualTo(List.of(new Todo(1, "milk")));
    synced(client);
    return live;
  }

  /**
   * Waits for a round trip on {@code client}'s connection: the {@code parley.watch} it sent on
   * its listener's first answer was read by the server before the answer to this.
   */
  private static void synced(ParleyClient<Shared> client) {
    client.query(Shelf.PING);
  }

  private Object next() throws InterruptedException {
    Object o = heard.poll(10, TimeUnit.SECONDS);
    assertThat(o).as("a value within 10 s").isNotNull();
    return o;
  }

  private void assertNothingHeard() throws InterruptedException {
    assertThat(heard.poll(300, TimeUnit.MILLISECONDS)).as("nothing more heard").isNull();
  }

  @Test
  void refetchesOnceWhenAnotherClientAddsATodoAndNotForAnUnrelatedResource() throws Exception {
    listenToTodos(b);
    a.mutate(Shelf.ADD, new Text("eggs"));
    assertThat(next()).isEqualTo(List.of(new Todo(1, "milk"), new Todo(2, "eggs")));
    assertNothingHeard();
    assertThat(shelf.listCalls.get()).as("the first fetch and one refetch").isEqualTo(2);

    a.mutate(Shelf.ADD_USER, null);
    assertNothingHeard();
    assertThat(shelf.listCalls.get()).isEqualTo(2);
  }

  @Test
  void aMutationBetweenTheAnswerAndTheWatchIsPushedRightAfterTheWatch() throws Exception {
    // a's mutation lands after b's query read the list, before b watches what its answer declared
    shelf.afterListRead = () -> a.mutate(Shelf.ADD, new Text("eggs"));
    b.listen(Shelf.TODOS, null, heard::add, heard::add);
    assertThat(next()).as("the answer, stale at once").isEqualTo(List.of(new Todo(1, "milk")));
    assertThat(next()).as("refetched: the watch said since, the server pushed what it missed")
        .isEqualTo(List.of(new Todo(1, "milk"), new Todo(2, "eggs")));
    assertNothingHeard();
    assertThat(shelf.listCalls.get()).isEqualTo(2);
  }

  @Test
  void aMutationBeforeTheAnswerIsNotPushedAgain() throws Exception {
    a.mutate(Shelf.ADD, new Text("eggs"));
    b.listen(Shelf.TODOS, null, heard::add, heard::add);
    assertThat(next()).isEqualTo(List.of(new Todo(1, "milk"), new Todo(2, "eggs")));
    synced(b);
    assertNothingHeard();
    assertThat(shelf.listCalls.get()).as("the answer saw it: no refetch").isEqualTo(1);
  }

  @Test
  void aPatternOnEitherSideOverlaps() throws Exception {
    b.listen(Shelf.TODO, new Id(1), heard::add, heard::add);
    assertThat(next()).isEqualTo(new Todo(1, "milk"));
    synced(b);
    a.mutate(Shelf.TOUCH_ALL, null); // changes todo/*: overlaps todo/1
    assertThat(next()).isEqualTo(new Todo(1, "milk!"));

    b.listen(Shelf.USERS, null, Set.of("todo/*"), heard::add, heard::add); // watches todo/* too
    assertThat(next()).isEqualTo(0);
    synced(b);
    a.mutate(Shelf.ADD, new Text("eggs")); // todo/2 overlaps its todo/*, not todo/1
    assertThat(next()).isEqualTo(0);
    assertNothingHeard();
    assertThat(shelf.todoCalls.get()).isEqualTo(2);
  }

  @Test
  void aBurstOfTenMutationsMakesAtMostOneRefetchInFlightAndOnePending() throws Exception {
    listenToTodos(b);
    shelf.listDelayMillis = 300;
    shelf.listRunningMax.set(0);
    long start = System.nanoTime();
    List<CompletableFuture<Todo>> burst = IntStream.range(0, 10)
        .mapToObj(i -> a.mutateAsync(Shelf.ADD, new Text("t" + i))).toList();
    burst.forEach(CompletableFuture::join);
    long burstMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    Object last = next();
    while (((List<?>) last).size() < 11) {
      last = next();
    }
    assertNothingHeard();
    assertThat(shelf.listRunningMax.get()).as("one refetch in flight at a time").isEqualTo(1);
    // each refetch takes 300 ms: one starts, the rest of the burst waits as one pending refetch
    assertThat(shelf.listCalls.get() - 1).as("refetches for ten mutations in " + burstMillis + " ms")
        .isBetween(1, 2 + (int) (burstMillis / 300));
  }

  @Test
  void aClosedListenerHearsNothingAndStopsWatching() throws Exception {
    LiveQuery live = listenToTodos(b);
    live.close();
    assertThat(live.isClosed()).isTrue();
    synced(b); // its parley.unwatch was read
    long sent = test.server().invalidationsSent();
    a.mutate(Shelf.ADD, new Text("eggs"));
    assertNothingHeard();
    assertThat(shelf.listCalls.get()).isEqualTo(1);
    assertThat(test.server().invalidationsSent()).as("the client unwatched todos").isEqualTo(sent);
  }

  @Test
  void aReconnectingClientWatchesAgainAndRefetchesWhatItMissed() throws Exception {
    listenToTodos(b);
    shelf.todos.add(new Todo(2, "changed while away")); // no mutation: nothing is pushed
    test.server().revoke(identity -> true); // closes the connection: the client reconnects

    assertThat(next()).isEqualTo(List.of(new Todo(1, "milk"), new Todo(2, "changed while away")));
    a.mutate(Shelf.ADD, new Text("eggs"));
    assertThat((List<?>) next()).as("it watches todos again on the new connection").hasSize(3);
  }

  @Test
  void theServerPushesOnlyToConnectionsWatchingTheResource() throws Exception {
    ParleyClient<Shared> c = websocket();
    ParleyClient<Shared> d = websocket(); // listens to nothing
    BlockingQueue<Object> users = new LinkedBlockingQueue<>();
    c.listen(Shelf.USERS, null, users::add, users::add);
    assertThat(users.poll(10, TimeUnit.SECONDS)).isEqualTo(0);
    synced(c);
    listenToTodos(b);
    assertThat(d.query(Shelf.USERS)).isZero();
    long before = test.server().invalidationsSent();

    a.mutate(Shelf.ADD, new Text("eggs"));
    assertThat((List<?>) next()).hasSize(2);
    Thread.sleep(300);
    assertThat(test.server().invalidationsSent() - before).as("to b alone").isEqualTo(1);
    assertThat(users).isEmpty();
    assertThat(shelf.userCalls.get()).isEqualTo(2);
  }

  @Test
  void serverInvalidateReachesListeners() throws Exception {
    listenToTodos(b);
    shelf.todos.add(new Todo(2, "imported"));
    assertThat(test.server().invalidate("todos")).isEqualTo(1);
    assertThat(next()).isEqualTo(List.of(new Todo(1, "milk"), new Todo(2, "imported")));
  }

  @Test
  void anHttpClientRefetchesAfterItsOwnMutationsOnly() throws Exception {
    listenToTodos(a);
    a.mutate(Shelf.ADD, new Text("eggs"));
    assertThat((List<?>) next()).hasSize(2);
    b.mutate(Shelf.ADD, new Text("jam")); // another client's: HTTP hears nothing of it
    assertNothingHeard();
  }

  @Test
  void anInProcessClientRefetchesAfterItsOwnMutations() throws Exception {
    ParleyClient<Shared> local = ParleyTest.inProcess(test.server());
    listenToTodos(local);
    local.mutateForResult(Shelf.ADD, new Text("eggs"));
    assertThat((List<?>) next()).hasSize(2);
    local.close();
  }

  @Test
  void aFailedRefetchGoesToOnErrorAndTheListenerStays() throws Exception {
    b.listen(Shelf.TODO, new Id(1), heard::add, heard::add);
    assertThat(next()).isEqualTo(new Todo(1, "milk"));
    synced(b);
    shelf.todos.clear();
    test.server().invalidate("todo/1");
    assertThat(next()).isInstanceOf(ParleyClientException.class);
    shelf.todos.add(new Todo(1, "back"));
    test.server().invalidate("todo/1");
    assertThat(next()).isEqualTo(new Todo(1, "back"));
  }

  @Test
  void freshAnswersComeFromTheCacheUntilAnOverlappingMutationOrStaleAfter() throws Exception {
    ParleyClient<Shared> cached = test.client(Role.SHARED, ClientOptions.builder()
        .staleAfter(Duration.ofMillis(500)).maxCacheEntries(2).build());
    assertThat(cached.query(Shelf.TODOS)).hasSize(1);
    assertThat(cached.query(Shelf.TODOS)).hasSize(1);
    assertThat(shelf.listCalls.get()).as("the second from the cache").isEqualTo(1);

    cached.mutate(Shelf.ADD_USER, null);
    cached.query(Shelf.TODOS);
    assertThat(shelf.listCalls.get()).as("users does not overlap todos").isEqualTo(1);
    cached.mutate(Shelf.ADD, new Text("eggs"));
    assertThat(cached.query(Shelf.TODOS)).hasSize(2);
    assertThat(shelf.listCalls.get()).as("stale after its own mutation").isEqualTo(2);

    Thread.sleep(600);
    cached.query(Shelf.TODOS);
    assertThat(shelf.listCalls.get()).as("stale after staleAfter").isEqualTo(3);

    cached.query(Shelf.TODO, new Id(1));
    cached.query(Shelf.USERS);
    cached.query(Shelf.TODOS);
    assertThat(shelf.listCalls.get()).as("evicted, least recently used, past two entries")
        .isEqualTo(4);
  }

  @Test
  void identicalListenersShareOneCall() throws Exception {
    shelf.listDelayMillis = 200;
    BlockingQueue<Object> other = new LinkedBlockingQueue<>();
    b.listen(Shelf.TODOS, null, heard::add, heard::add);
    b.listen(Shelf.TODOS, null, other::add, other::add);
    assertThat(next()).isEqualTo(List.of(new Todo(1, "milk")));
    assertThat(other.poll(10, TimeUnit.SECONDS)).isEqualTo(List.of(new Todo(1, "milk")));
    assertThat(shelf.listCalls.get()).isEqualTo(1);
  }
}
