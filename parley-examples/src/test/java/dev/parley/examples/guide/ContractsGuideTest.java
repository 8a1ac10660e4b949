package dev.parley.examples.guide;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.parley.Contract;
import dev.parley.ErrorCode;
import dev.parley.Issue;
import dev.parley.Parley;
import dev.parley.Schema;
import dev.parley.Shared;
import dev.parley.client.ParleyClient;
import dev.parley.client.ParleyClientException;
import dev.parley.examples.guide.NotesApi.NewNote;
import dev.parley.examples.guide.NotesApi.Note;
import dev.parley.examples.guide.NotesApi.NoteFilter;
import dev.parley.examples.guide.NotesApi.NoteId;
import dev.parley.examples.guide.NotesApi.Page;
import dev.parley.server.ParleyRequest;
import dev.parley.server.ParleyResponse;
import dev.parley.server.ParleyServer;
import dev.parley.testing.ParleyTest;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contract of {@code docs/guide/contracts.md} does what the page says. */
class ContractsGuideTest {
  final NoteStore store = new NoteStore();
  final ParleyServer<NotesServer.Ctx> server = NotesServer.create(store);
  final ParleyClient<Shared> ada = NotesClient.inProcessAs(server, "ada");

  @Test
  void aUnionRoundTripsAndItsSwitchPicksTheVariant() {
    Note milk = ada.mutate(NotesApi.ADD, new NewNote("buy milk", List.of("home")));
    Note call = ada.mutate(NotesApi.ADD, new NewNote("call the bank", List.of("work")));

    assertThat(ada.query(NotesApi.FIND, new NoteFilter.Tagged("home")))
        .isEqualTo(new Page<>(List.of(milk), 1));
    assertThat(ada.query(NotesApi.FIND, new NoteFilter.Containing("bank")))
        .isEqualTo(new Page<>(List.of(call), 1));
  }

  @Test
  void aUnionRoundTripsOverHttp() {
    try (var test = ParleyTest.http(NotesServer.create(store))) {
      Note milk = store.add("buy milk", List.of("home"), "ada");
      Page<Note> page = test.client().query(NotesApi.FIND, new NoteFilter.Tagged("home"));
      assertThat(page).isEqualTo(new Page<>(List.of(milk), 1));
      assertThat(page.items().get(0)).isInstanceOf(Note.class);
    }
  }

  @Test
  void aVariantIsNamedOnTheWireByItsVariantAnnotation() throws IOException {
    String json = "{\"type\":\"tagged\",\"tag\":\"home\"}";
    assertThat(page()).contains("`" + json + "`");
    store.add("buy milk", List.of("home"), "ada");

    ParleyResponse response = find(json);

    assertThat(response.status()).isEqualTo(200);
    assertThat(response.bodyText()).isEqualTo("{\"result\":{\"data\":{\"items\":[{\"id\":1,"
        + "\"text\":\"buy milk\",\"tags\":[\"home\"],\"author\":\"ada\"}],\"total\":1}}}");
  }

  @Test
  void anUnknownVariantIsABadRequestAtType() {
    ParleyResponse response = find("{\"type\":\"color\",\"tag\":\"home\"}");

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.bodyText()).contains("\"code\":\"BAD_REQUEST\"")
        .contains("\"issues\":[{\"path\":\"type\",\"message\":\"\\\"color\\\" is not one of"
            + " \\\"tagged\\\", \\\"containing\\\"\"}]");
  }

  @Test
  void constraintsAreCheckedAtTheirPathsAndEveryIssueIsListed() {
    var e = catchThrowableOfType(ParleyClientException.class,
        () -> ada.mutate(NotesApi.ADD, new NewNote(" ", List.of("home", ""))));

    assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
    assertThat(e.issues()).containsExactlyInAnyOrder(
        new Issue("text", "must not be blank"), new Issue("tags[1]", "must not be blank"));
    assertThat(store.all()).isEmpty();
  }

  @Test
  void jsonOfTheWrongTypeIsListedWithTheOtherIssues() throws IOException {
    String json = "{\"text\":5,\"tags\":[\"home\",\"x…x\"]}";
    assertThat(page()).contains("`" + json + "`");

    ParleyResponse response = server.handle(new ParleyRequest("POST", "notes.add", "",
        Map.of("content-type", List.of("application/json"),
            "authorization", List.of("Bearer t-ada")),
        json.replace("x…x", "x".repeat(21)).getBytes(UTF_8), null));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.bodyText()).contains("\"issues\":["
        + "{\"path\":\"tags[1]\",\"message\":\"size must be between 0 and 20\"},"
        + "{\"path\":\"text\",\"message\":\"expected a string\"}]");
    assertThat(store.all()).isEmpty();
  }

  @Test
  void aRecordComponentIsRequiredUnlessOptional() {
    ParleyResponse response = server.handle(new ParleyRequest("POST", "notes.add", "",
        Map.of("content-type", List.of("application/json"),
            "authorization", List.of("Bearer t-ada")),
        "{\"text\":\"buy milk\"}".getBytes(UTF_8), null));

    assertThat(response.status()).isEqualTo(400);
    assertThat(response.bodyText())
        .contains("\"issues\":[{\"path\":\"tags\",\"message\":\"is required\"}]");
  }

  @Test
  void anIdMustBePositive() {
    assertThat(Schema.of(NoteId.class).validate(new NoteId(0)))
        .containsExactly(new Issue("id", "must be greater than 0"));
  }

  @Test
  void aContractRefusesTwoDescriptorsOfOneName() {
    assertThatThrownBy(() -> NotesApi.CONTRACT.with(Parley.query("notes.list")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("duplicate descriptor name \"notes.list\"");
  }

  private ParleyResponse find(String json) {
    return server.handle(new ParleyRequest("GET", "notes.find",
        "input=" + URLEncoder.encode(json, UTF_8), Map.of(), new byte[0], null));
  }

  private static String page() throws IOException {
    return Files.readString(GuideSnippetsTest.GUIDE.resolve("contracts.md"));
  }
}
