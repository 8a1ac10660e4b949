package dev.parley.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.parley.ErrorCode;
import dev.parley.Invoker;
import dev.parley.ParleyException;
import dev.parley.Role;
import dev.parley.Shared;
import dev.parley.client.ClientOptions;
import dev.parley.client.ParleyClient;
import dev.parley.client.ParleyClientException;
import dev.parley.examples.guide.NotesApi.NewNote;
import dev.parley.examples.guide.NotesApi.Note;
import dev.parley.examples.guide.NotesApi.NoteId;
import dev.parley.server.Identity;
import dev.parley.server.ParleyServer;
import dev.parley.testing.ParleyTest;
import dev.parley.testing.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server of {@code docs/guide/server.md} does what the page says. */
class ServerGuideTest {
  final NoteStore store = new NoteStore();
  final AtomicBoolean readOnly = new AtomicBoolean();
  final Queue<String> log = new ConcurrentLinkedQueue<>();
  final ParleyServer<NotesServer.Ctx> server = NotesServer.create(store, readOnly, log::add);
  final TestServer test = ParleyTest.http(server);

  @AfterEach
  void stop() {
    test.close();
  }

  ParleyClient<Shared> as(String token) {
    return test.client(Role.SHARED,
        ClientOptions.builder().header("authorization", "Bearer " + token).build());
  }

  static ErrorCode codeOf(Runnable call) {
    return catchThrowableOfType(ParleyClientException.class, call::run).code();
  }

  @Test
  void handlersAnswerAndThrowTheirCodes() {
    Note milk = as("t-ada").mutate(NotesApi.ADD, new NewNote("buy milk", List.of("home")));

    assertThat(test.client().query(NotesApi.LIST)).containsExactly(milk);
    assertThat(test.client().query(NotesApi.GET, new NoteId(milk.id()))).isEqualTo(milk);
    var missing = catchThrowableOfType(ParleyClientException.class,
        () -> test.client().query(NotesApi.GET, new NoteId(9)));
    assertThat(missing.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(missing.httpStatus()).isEqualTo(404);
    assertThat(missing.getMessage()).isEqualTo("No note 9");
  }

  @Test
  void aMutationReportsTheResourcesItChanged() {
    var added = as("t-ada").mutateForResult(NotesApi.ADD, new NewNote("buy milk", List.of()));
    assertThat(added.resources()).containsExactly("note/1", "notes");
    assertThat(as("t-ada").mutateForResult(NotesApi.CLEAR, null).resources())
        .containsExactly("notes");
  }

  @Test
  void theAuthenticatorRefusesAnUnknownTokenAndLetsAnonymousCallersRead() {
    var unknown = catchThrowableOfType(ParleyClientException.class,
        () -> as("t-eve").query(NotesApi.LIST));
    assertThat(unknown.code()).isEqualTo(ErrorCode.UNAUTHORIZED);
    assertThat(unknown.getMessage()).isEqualTo("Unknown token");

    assertThat(test.client().query(NotesApi.LIST)).isEmpty();
  }

  @Test
  void theNarrowingRefusesAnonymousWritersAndHandsTheUserToTheHandler() {
    var anonymous = catchThrowableOfType(ParleyClientException.class,
        () -> test.client().mutate(NotesApi.ADD, new NewNote("buy milk", List.of())));
    assertThat(anonymous.code()).isEqualTo(ErrorCode.UNAUTHORIZED);
    assertThat(anonymous.getMessage()).isEqualTo("Sign in first");

    assertThat(as("t-bob").mutate(NotesApi.ADD, new NewNote("hi", List.of())).author())
        .isEqualTo("bob");
  }

  @Test
  void theGuardLetsOnlyAdaClear() {
    store.add("buy milk", List.of(), "ada");

    var bob = catchThrowableOfType(ParleyClientException.class,
        () -> as("t-bob").mutate(NotesApi.CLEAR));
    assertThat(bob.code()).isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(bob.httpStatus()).isEqualTo(403);
    assertThat(bob.getMessage()).isEqualTo("Not allowed to call \"notes.clear\"");
    assertThat(store.all()).hasSize(1);
    assertThat(codeOf(() -> test.client().mutate(NotesApi.CLEAR)))
        .isEqualTo(ErrorCode.UNAUTHORIZED);

    as("t-ada").mutate(NotesApi.CLEAR);
    assertThat(store.all()).isEmpty();
  }

  @Test
  void theRateLimitAllowsTenNotesAMinutePerUser() {
    ParleyClient<Shared> ada = as("t-ada");
    for (int i = 0; i < 10; i++) {
      ada.mutate(NotesApi.ADD, new NewNote("note " + i, List.of()));
    }
    var eleventh = catchThrowableOfType(ParleyClientException.class,
        () -> ada.mutate(NotesApi.ADD, new NewNote("one more", List.of())));
    assertThat(eleventh.code()).isEqualTo(ErrorCode.TOO_MANY_REQUESTS);
    assertThat(eleventh.httpStatus()).isEqualTo(429);
    assertThat(eleventh.retryAfter()).hasValueSatisfying(d ->
        assertThat(d).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(6)));

    assertThat(as("t-bob").mutate(NotesApi.ADD, new NewNote("mine", List.of())).author())
        .isEqualTo("bob");
    assertThat(ada.query(NotesApi.LIST)).hasSize(11);
  }

  @Test
  void theMaintenanceMiddlewareRefusesMutationsWhileReadOnly() {
    readOnly.set(true);

    var refused = catchThrowableOfType(ParleyClientException.class,
        () -> as("t-ada").mutate(NotesApi.ADD, new NewNote("buy milk", List.of())));
    assertThat(refused.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
    assertThat(refused.getMessage()).isEqualTo("Read-only for maintenance");
    assertThat(test.client().query(NotesApi.LIST)).isEmpty();

    readOnly.set(false);
    as("t-ada").mutate(NotesApi.ADD, new NewNote("buy milk", List.of()));
    assertThat(store.all()).hasSize(1);
  }

  @Test
  void theListenerSeesEveryCallRefusedOnesIncluded() throws InterruptedException {
    test.client().query(NotesApi.LIST);
    codeOf(() -> test.client().mutate(NotesApi.ADD, new NewNote("", List.of())));
    codeOf(() -> as("t-eve").query(NotesApi.LIST));
    NotesServer.addAsAda(server, new NewNote("in process", List.of()));

    // the listener runs once the answer is handed over: maybe after the caller has it
    for (int i = 0; i < 500 && log.size() < 4; i++) {
      Thread.sleep(10);
    }
    assertThat(log).hasSize(4)
        .anyMatch(line -> line.matches("HTTP notes\\.list OK \\d+ ms"))
        .anyMatch(line -> line.matches("HTTP notes\\.add BAD_REQUEST \\d+ ms"))
        .anyMatch(line -> line.matches("HTTP notes\\.list UNAUTHORIZED \\d+ ms"))
        .anyMatch(line -> line.matches("IN_PROCESS notes\\.add OK \\d+ ms"));
  }

  @Test
  void anInvokerCallsInProcessAsItsIdentityThroughTheSameMiddleware() {
    Note note = NotesServer.addAsAda(server, new NewNote("water plants", List.of("home")));
    assertThat(note.author()).isEqualTo("ada");
    assertThat(store.all()).containsExactly(note);

    Invoker anonymous = server.invoker(Identity.anonymous());
    assertThat(catchThrowableOfType(ParleyException.class, () -> anonymous.invoke(NotesApi.ADD,
        new NewNote("x", List.of()), Duration.ZERO)).code()).isEqualTo(ErrorCode.UNAUTHORIZED);
    readOnly.set(true);
    assertThat(catchThrowableOfType(ParleyException.class,
        () -> NotesServer.addAsAda(server, new NewNote("x", List.of()))).code())
        .isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
  }

  @Test
  void theOptionsLimitTheBodyAndTheTime() {
    assertThat(server.options().requestTimeout()).isEqualTo(Duration.ofSeconds(10));
    var big = catchThrowableOfType(ParleyClientException.class, () -> as("t-ada")
        .mutate(NotesApi.ADD, new NewNote("x".repeat(70_000), List.of())));
    assertThat(big.code()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
    assertThat(big.httpStatus()).isEqualTo(413);
  }

  @Test
  void servesUnderApiOnAFreePort() {
    try (var http = NotesServer.serve(NotesServer.create(new NoteStore()), 0);
         var client = NotesClient.connect(http.uri(), "t-ada")) {
      assertThat(http.uri().toString()).matches("http://127\\.0\\.0\\.1:\\d+/api");
      assertThat(client.mutate(NotesApi.ADD, new NewNote("hi", List.of())).author())
          .isEqualTo("ada");
    }
  }

  @Test
  void refusesToServeWhileAProcedureIsMissing() {
    var half = ParleyServer.builder(NotesApi.CONTRACT).build();
    half.implement(NotesApi.LIST, (ctx, in) -> List.of());

    assertThatThrownBy(() -> NotesServer.serve(half, 0))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("notes.get").hasMessageContaining("notes.clear");
  }
}
