package dev.parley.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.Contract;
import dev.parley.ErrorCode;
import dev.parley.Mutation;
import dev.parley.Parley;
import dev.parley.ParleyException;
import dev.parley.Query;
import dev.parley.Schema;
import dev.parley.Shared;
import dev.parley.client.ParleyClientException;
import dev.parley.Role;
import dev.parley.client.ParleyClient;
import dev.parley.server.Guard;
import dev.parley.server.Identity;
import dev.parley.server.ParleyServer;
import jakarta.validation.constraints.NotBlank;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ParleyTestTest {
  record NewNote(@NotBlank String text) {}

  record User(String name) {}

  static final Query<Shared, Void, List<String>> NOTES =
      Parley.query("notes.list").output(Schema.listOf(String.class));
  static final Mutation<Shared, NewNote, String> ADD =
      Parley.mutation("notes.add").input(NewNote.class).output(String.class);
  static final Query<Shared, Void, String> ME = Parley.query("me").output(String.class);

  interface Member extends Shared {}

  static final Role<Member> MEMBER = Role.of("member", Member.class);
  static final Query<Member, Void, String> SECRET =
      Parley.query("secret").role(MEMBER).output(String.class);
  static final Contract CONTRACT = Contract.of(NOTES, ADD, ME, SECRET);

  /**
   * A server whose callers are members named by the {@code x-user} header, anonymous without it;
   * the context is the user.
   */
  static ParleyServer<User> server() {
    ParleyServer<User> server = builder().build();
    implement(server);
    return server;
  }

  static ParleyServer.Builder<String, User> builder() {
    return ParleyServer.builder(CONTRACT)
        .authenticate(request -> request.header("x-user")
            .map(name -> Identity.of(MEMBER, name))
            .orElse(Identity.anonymous()))
        .context((request, id) -> new User(id.principalIfAny().orElse("anonymous")));
  }

  static void implement(ParleyServer<User> server) {
    List<String> notes = new CopyOnWriteArrayList<>();
    server.implement(NOTES, (ctx, in) -> List.copyOf(notes));
    server.implement(ADD, (ctx, in) -> {
      notes.add(in.text());
      return in.text();
    }).resources((ctx, in, out) -> java.util.Set.of("notes", "note/" + out));
    server.implement(ME, (ctx, in) -> ctx.name());
    server.implement(SECRET, (ctx, in) -> "for " + ctx.name());
  }

  @Test
  void httpServesOnAFreePortWithABoundClient() {
    try (TestServer test = ParleyTest.http(server())) {
      assertThat(test.client().mutate(ADD, new NewNote("milk"))).isEqualTo("milk");
      assertThat(test.client().query(NOTES)).containsExactly("milk");
      assertThat(test.uri().getHost()).isEqualTo("127.0.0.1");
      assertThat(test.uri().getPort()).isPositive();
      assertThat(test.uri().getPath()).isEqualTo("/parley");
    }
  }

  @Test
  void httpClientGetsTypedErrors() {
    try (TestServer test = ParleyTest.http(server())) {
      assertThatThrownBy(() -> test.client().mutate(ADD, new NewNote(" ")))
          .isInstanceOfSatisfying(ParleyClientException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
            assertThat(e.httpStatus()).isEqualTo(400);
            assertThat(e.issues()).extracting(dev.parley.Issue::path).containsExactly("text");
          });
      assertThat(test.client().query(NOTES)).isEmpty();
    }
  }

  @Test
  void httpServesRealHttpThatOtherClientsCanCall() throws Exception {
    try (TestServer test = ParleyTest.http(server());
        HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> r = http.send(
          HttpRequest.newBuilder(URI.create(test.uri() + "/me")).header("x-user", "ada").build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(r.body()).isEqualTo("{\"result\":{\"data\":\"ada\"}}");
    }
  }

  @Test
  void closeStopsServing() throws Exception {
    TestServer test = ParleyTest.http(server());
    URI uri = URI.create(test.uri() + "/notes.list");
    test.close();

    try (HttpClient http = HttpClient.newHttpClient()) {
      assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(uri).build(),
          HttpResponse.BodyHandlers.ofString())).isInstanceOf(IOException.class);
    }
  }

  @Test
  void httpRefusesAServerWithAnUnimplementedProcedure() {
    ParleyServer<?> server = ParleyServer.builder(CONTRACT).build();

    assertThatThrownBy(() -> ParleyTest.http(server)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("notes.list");
  }

  @Test
  void inProcessCallsAsARolesPrincipalWithTheContextTheFactoryMakes() {
    ParleyClient<Member> grace = ParleyTest.inProcess(server(), MEMBER, "grace");

    assertThat(grace.role()).isEqualTo(MEMBER);
    assertThat(grace.query(ME)).isEqualTo("grace");
    assertThat(grace.query(SECRET)).isEqualTo("for grace");
    assertThat(grace.mutate(ADD, new NewNote("eggs"))).isEqualTo("eggs");
    assertThat(grace.query(NOTES)).containsExactly("eggs");
  }

  @Test
  void inProcessAnonymousCallersSeeOnlyTheSharedSurface() {
    var server = server();
    ParleyClient<Shared> anyone = ParleyTest.inProcess(server);
    assertThat(anyone.query(ME)).isEqualTo("anonymous");
    ParleyClient<Member> claimsMember = ParleyClient.inProcess(server.invoker(), MEMBER);
    assertThatThrownBy(() -> claimsMember.query(SECRET))
        .isInstanceOfSatisfying(ParleyClientException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
  }

  @Test
  void mutationResultsCarryTheirResourcesInProcessAndOverHttp() {
    var local = ParleyTest.inProcess(server(), MEMBER, "grace").mutateForResult(ADD, new NewNote("tea"));
    assertThat(local.value()).isEqualTo("tea");
    assertThat(local.resources()).containsExactlyInAnyOrder("notes", "note/tea");

    try (TestServer test = ParleyTest.http(server())) {
      var remote = test.client().mutateForResult(ADD, new NewNote("tea"));
      assertThat(remote.resources()).containsExactlyInAnyOrder("notes", "note/tea");
    }
  }

  @Test
  void inProcessKeepsValidationAndMiddleware() {
    Guard<User> notMallory = (ctx, call) -> !ctx.name().equals("mallory");
    ParleyServer<User> server = builder().use(notMallory).build();
    implement(server);

    assertThatThrownBy(() -> ParleyTest.inProcess(server, MEMBER, "ada").mutate(ADD, new NewNote("")))
        .isInstanceOfSatisfying(ParleyException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
    assertThatThrownBy(() -> ParleyTest.inProcess(server, MEMBER, "mallory").query(ME))
        .isInstanceOfSatisfying(ParleyException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
  }
}
