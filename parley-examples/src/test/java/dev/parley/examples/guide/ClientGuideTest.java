package dev.parley.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.parley.ErrorCode;
import dev.parley.ParleyException;
import dev.parley.Shared;
import dev.parley.client.ParleyClient;
import dev.parley.client.ParleyClientException;
import dev.parley.examples.guide.NotesApi.NewNote;
import dev.parley.examples.guide.NotesApi.Note;
import dev.parley.examples.guide.NotesApi.Page;
import dev.parley.server.ParleyRequest;
import dev.parley.server.ParleyServer;
import dev.parley.testing.ParleyTest;
import dev.parley.testing.TestServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The client of {@code docs/guide/client.md} does what the page says. */
class ClientGuideTest {

  @Test
  void callsOverHttpWithItsToken() {
    try (TestServer test = ParleyTest.http(NotesServer.create(new NoteStore()));
         ParleyClient<Shared> ada = NotesClient.connect(test.uri(), "t-ada")) {
      Page<Note> page = NotesClient.addAndFind(ada);

      Note milk = new Note(1, "buy milk", List.of("home"), "ada");
      assertThat(page).isEqualTo(new Page<>(List.of(milk), 1));
      assertThat(ada.query(NotesApi.LIST)).containsExactly(milk);
    }
  }

  @Test
  void callsInProcessWithTheSameAnswersAndChecks() {
    ParleyServer<NotesServer.Ctx> server = NotesServer.create(new NoteStore());
    ParleyClient<Shared> ada = NotesClient.inProcessAs(server, "ada");

    Note milk = new Note(1, "buy milk", List.of("home"), "ada");
    assertThat(NotesClient.addAndFind(ada)).isEqualTo(new Page<>(List.of(milk), 1));
    assertThat(NotesClient.changedBy(ada, new NewNote("eggs", List.of())))
        .containsExactlyInAnyOrder("note/2", "notes");
    var invalid = catchThrowableOfType(ParleyClientException.class,
        () -> ada.mutate(NotesApi.ADD, new NewNote("", List.of())));
    assertThat(invalid.code()).isEqualTo(ErrorCode.BAD_REQUEST);
    assertThat(invalid.httpStatus()).isZero();
  }

  @Test
  void aMutationsResultCarriesTheResourcesItChanged() {
    try (TestServer test = ParleyTest.http(NotesServer.create(new NoteStore()));
         ParleyClient<Shared> ada = NotesClient.connect(test.uri(), "t-ada")) {
      ada.mutate(NotesApi.ADD, new NewNote("buy milk", List.of()));
      assertThat(NotesClient.changedBy(ada, new NewNote("eggs", List.of())))
          .containsExactly("note/2", "notes");
    }
  }

  @Test
  void callsMadeWhileEveryRequestIsBusyLeaveAsOneBatch() {
    Set<ParleyRequest> requests = Collections.synchronizedSet(
        Collections.newSetFromMap(new IdentityHashMap<>()));
    NoteStore store = new NoteStore();
    List<Long> ids = LongStream.rangeClosed(1, 20)
        .map(i -> store.add("note " + i, List.of(), "ada").id()).boxed().toList();
    try (TestServer test = ParleyTest.http(slowGets(store, requests));
         ParleyClient<Shared> client = ParleyClient.http(test.uri(), NotesApi.CONTRACT)) {
      List<Note> notes = NotesClient.getAll(client, ids);

      assertThat(notes).extracting(Note::id).containsExactlyElementsOf(ids);
      assertThat(requests).hasSizeBetween(7, 19); // 6 alone at once, the others batched
      assertThat(requests).anyMatch(r -> r.path().contains(","));
    }
  }

  @Test
  void theTunedClientBatchesBeyondTwoRequestsAndStreamsItsBatches() {
    Set<ParleyRequest> requests = Collections.synchronizedSet(
        Collections.newSetFromMap(new IdentityHashMap<>()));
    NoteStore store = new NoteStore();
    List<Long> ids = LongStream.rangeClosed(1, 10)
        .map(i -> store.add("note " + i, List.of(), "ada").id()).boxed().toList();
    try (TestServer test = ParleyTest.http(slowGets(store, requests));
         ParleyClient<Shared> client = NotesClient.tuned(test.uri())) {
      assertThat(client.timeout()).isEqualTo(Duration.ofSeconds(5));

      assertThat(NotesClient.getAll(client, ids)).extracting(Note::id)
          .containsExactlyElementsOf(ids);

      assertThat(requests).hasSizeBetween(3, 9);
      assertThat(requests).filteredOn(r -> r.path().contains(","))
          .isNotEmpty()
          .allMatch(r -> r.header("trpc-accept").equals(java.util.Optional.of("application/jsonl")));
    }
  }

  @Test
  void theTimeoutExampleGivesUpAtItsDeadlineAndTheServerStopsTheHandler() throws Exception {
    CountDownLatch interrupted = new CountDownLatch(1);
    var server = ParleyServer.builder(NotesApi.CONTRACT).build();
    implementTheRest(server, new NoteStore());
    server.implement(NotesApi.LIST, (ctx, in) -> {
      try {
        Thread.sleep(10_000);
        return List.of();
      } catch (InterruptedException e) {
        interrupted.countDown();
        throw e;
      }
    });
    try (TestServer test = ParleyTest.http(server)) {
      long start = System.nanoTime();

      assertThat(NotesClient.listOrNothing(test.client())).isEmpty();

      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
      assertThat(interrupted.await(5, TimeUnit.SECONDS)).as("the handler was interrupted").isTrue();
    }
  }

  @Test
  void theErrorExampleExplainsEachCode() {
    try (TestServer test = ParleyTest.http(NotesServer.create(new NoteStore()));
         ParleyClient<Shared> ada = NotesClient.connect(test.uri(), "t-ada")) {
      assertThat(NotesClient.addOrExplain(ada, new NewNote("buy milk", List.of())))
          .isEqualTo("added #1");
      assertThat(NotesClient.addOrExplain(ada, new NewNote("", List.of())))
          .isEqualTo("fix [text: must not be blank]");
      assertThat(NotesClient.addOrExplain(test.client(), new NewNote("hi", List.of())))
          .isEqualTo("sign in first");
      for (int i = 0; i < 9; i++) {
        NotesClient.addOrExplain(ada, new NewNote("note " + i, List.of()));
      }
      assertThat(NotesClient.addOrExplain(ada, new NewNote("one too many", List.of())))
          .matches("wait [1-6] s");
    }
  }

  @Test
  void anUnreachableServerIsServiceUnavailableAndAClosedClientRefuses() throws IOException {
    int port;
    try (var socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    ParleyClient<Shared> client =
        NotesClient.connect(URI.create("http://127.0.0.1:" + port + "/parley"), "t-ada");

    assertThat(NotesClient.addOrExplain(client, new NewNote("hi", List.of())))
        .isEqualTo("try again later");
    var unreachable = catchThrowableOfType(ParleyClientException.class,
        () -> client.query(NotesApi.LIST));
    assertThat(unreachable.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
    assertThat(unreachable.httpStatus()).isZero();

    client.close();
    var closed = catchThrowableOfType(ParleyClientException.class,
        () -> client.query(NotesApi.LIST));
    assertThat(closed.code()).isEqualTo(ErrorCode.CLIENT_CLOSED_REQUEST);
  }

  /** A notes server whose {@code notes.get} takes 50 ms, recording each HTTP request it serves. */
  private static ParleyServer<?> slowGets(NoteStore store, Set<ParleyRequest> requests) {
    var server = ParleyServer.builder(NotesApi.CONTRACT)
        .listener(r -> r.request().ifPresent(requests::add))
        .build();
    implementTheRest(server, store);
    server.implement(NotesApi.LIST, (ctx, in) -> store.all());
    return server;
  }

  /** Every procedure but {@code notes.list}, with a {@code notes.get} that takes 50 ms. */
  private static void implementTheRest(ParleyServer<?> server, NoteStore store) {
    server.implement(NotesApi.GET, (ctx, in) -> {
      Thread.sleep(50);
      return store.get(in.id()).orElseThrow(() -> new ParleyException(ErrorCode.NOT_FOUND, "no"));
    });
    server.implement(NotesApi.FIND, (ctx, in) -> store.page(n -> true));
    server.implement(NotesApi.ADD, (ctx, in) -> store.add(in.text(), in.tags(), "anyone"));
    server.implement(NotesApi.CLEAR, (ctx, in) -> null);
  }
}
