package dev.parley.examples.guide;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.parley.ErrorCode;
import dev.parley.Issue;
import dev.parley.ParleyException;
import dev.parley.Role;
import dev.parley.Schema;
import dev.parley.Shared;
import dev.parley.client.ClientOptions;
import dev.parley.client.ParleyClient;
import dev.parley.client.ParleyClientException;
import dev.parley.examples.guide.NotesApi.NewNote;
import dev.parley.examples.guide.NotesApi.Note;
import dev.parley.server.ParleyRequest;
import dev.parley.server.ParleyResponse;
import dev.parley.server.ParleyServer;
import dev.parley.testing.ParleyTest;
import dev.parley.testing.TestServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The examples of {@code docs/guide/testing.md}, which are tests themselves: the page shows the
 * regions between the {@code guide:…-begin} and {@code guide:…-end} markers verbatim.
 */
class TestingGuideTest {

  // guide:in-process-begin
  @Test
  void addsANoteAsTheCaller() {
    ParleyServer<?> server = NotesServer.create(new NoteStore());
    ParleyClient<Shared> ada = ParleyTest.inProcess(server, Role.SHARED, "ada");

    Note note = ada.mutate(NotesApi.ADD, new NewNote("buy milk", List.of("home")));

    assertThat(note.author()).isEqualTo("ada");
    assertThat(ada.query(NotesApi.LIST)).containsExactly(note);
  }
  // guide:in-process-end

  // guide:refused-begin
  @Test
  void refusesAnonymousWriters() {
    ParleyClient<Shared> anonymous = ParleyTest.inProcess(NotesServer.create(new NoteStore()));

    var e = catchThrowableOfType(ParleyClientException.class,
        () -> anonymous.mutate(NotesApi.ADD, new NewNote("buy milk", List.of())));

    assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED);
    assertThat(e.getMessage()).isEqualTo("Sign in first");
  }
  // guide:refused-end

  // guide:http-begin
  @Test
  void servesNotesOverHttp() {
    try (TestServer test = ParleyTest.http(NotesServer.create(new NoteStore()))) {
      ParleyClient<Shared> ada = test.client(Role.SHARED,
          ClientOptions.builder().header("authorization", "Bearer t-ada").build());

      ada.mutate(NotesApi.ADD, new NewNote("buy milk", List.of("home")));

      assertThat(test.client().query(NotesApi.LIST)).extracting(Note::text)
          .containsExactly("buy milk");
    }
  }
  // guide:http-end

  // guide:schema-begin
  @Test
  void listsEveryIssueOfANewNote() {
    var bad = new NewNote("", List.of("home", "x".repeat(21)));

    List<Issue> issues = Schema.of(NewNote.class).validate(bad);

    assertThat(issues).containsExactlyInAnyOrder(
        new Issue("text", "must not be blank"),
        new Issue("tags[1]", "size must be between 0 and 20"));
  }
  // guide:schema-end

  // guide:fake-begin
  @Test
  void explainsARateLimitToTheUser() {
    var fake = ParleyServer.builder(NotesApi.CONTRACT).build();
    fake.implement(NotesApi.ADD, (ctx, in) -> {
      throw ParleyException.tooManyRequests("Slow down", Duration.ofSeconds(30));
    });

    String said = NotesClient.addOrExplain(ParleyTest.inProcess(fake), new NewNote("hi", List.of()));

    assertThat(said).isEqualTo("wait 30 s");
  }
  // guide:fake-end

  @Test
  void aFakeAnswersNotImplementedForWhatItLeavesOut() {
    var fake = ParleyServer.builder(NotesApi.CONTRACT).build();
    var e = catchThrowableOfType(ParleyClientException.class,
        () -> ParleyTest.inProcess(fake).query(NotesApi.LIST));
    assertThat(e.code()).isEqualTo(ErrorCode.NOT_IMPLEMENTED);
  }

  // guide:wire-begin
  @Test
  void answersAnEmptyListAsTrpcDoes() {
    ParleyServer<?> server = NotesServer.create(new NoteStore());

    ParleyResponse response = server.handle(
        new ParleyRequest("GET", "notes.list", "", Map.of(), new byte[0], null));

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.bodyText()).isEqualTo("{\"result\":{\"data\":[]}}");
  }
  // guide:wire-end
}
