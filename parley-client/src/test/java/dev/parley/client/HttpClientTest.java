package dev.parley.client;

import static dev.parley.client.TestApi.ADD;
import static dev.parley.client.TestApi.BROKEN;
import static dev.parley.client.TestApi.CONTRACT;
import static dev.parley.client.TestApi.ECHO;
import static dev.parley.client.TestApi.FAIL;
import static dev.parley.client.TestApi.NOTHING;
import static dev.parley.client.TestApi.WRONG;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.parley.ErrorCode;
import dev.parley.Issue;
import dev.parley.Parley;
import dev.parley.Shared;
import dev.parley.client.TestApi.NewTodo;
import dev.parley.client.TestApi.Todo;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Single calls over HTTP against canned tRPC answers: the request sent, the answer decoded. */
class HttpClientTest {
  private CannedServer server;
  private ParleyClient<Shared> client;

  @BeforeEach
  void start() throws Exception {
    server = new CannedServer();
    client = ParleyClient.http(server.uri(), CONTRACT);
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  @Test
  void sendsQueryAsGetWithUrlEncodedJsonInput() {
    assertThat(client.query(ECHO, "héllo & {bye}")).isEqualTo("héllo & {bye}");

    CannedServer.Received r = server.received.get(0);
    assertThat(r.method()).isEqualTo("GET");
    assertThat(r.path()).isEqualTo("/parley/echo");
    assertThat(r.batch()).isFalse();
    assertThat(r.input()).isEqualTo("\"héllo & {bye}\"");
    assertThat(r.query()).doesNotContain("{", "\"", " ", "&", "+").startsWith("input=");
  }

  @Test
  void sendsQueryWithoutInputWithoutInputParameter() {
    assertThat(client.query(NOTHING)).isNull();

    assertThat(server.received.get(0).query()).isNull();
  }

  @Test
  void sendsMutationAsJsonPostAndReturnsItsResources() {
    MutationResult<Todo> added = client.mutateForResult(ADD, new NewTodo("milk"));

    assertThat(added.value()).isEqualTo(new Todo(1, "milk"));
    assertThat(added.resources()).containsExactly("todo/1", "todos");
    CannedServer.Received r = server.received.get(0);
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/parley/todos.add");
    assertThat(r.contentType()).isEqualTo("application/json");
    assertThat(r.body()).isEqualTo("{\"text\":\"milk\"}");
    assertThat(client.mutate(ADD, new NewTodo("eggs"))).isEqualTo(new Todo(2, "eggs"));
  }

  @Test
  void asyncCallsCompleteWithTheOutput() {
    assertThat(client.queryAsync(ECHO, "a").join()).isEqualTo("a");
    assertThat(client.mutateAsync(ADD, new NewTodo("b")).join().text()).isEqualTo("b");
    assertThat(client.mutateForResultAsync(ADD, new NewTodo("c")).join().resources())
        .contains("todos");
  }

  @Test
  void mapsErrorAnswerToExceptionWithCodeStatusIssuesAndData() {
    ParleyClientException e =
        catchThrowableOfType(ParleyClientException.class, () -> client.query(FAIL, "x"));

    assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
    assertThat(e.httpStatus()).isEqualTo(400);
    assertThat(e.getMessage()).isEqualTo("input is invalid: text: too short");
    assertThat(e.issues()).containsExactly(new Issue("text", "size must be between 1 and 200"));
    assertThat(e.data(Map.class)).contains(Map.of("hint", "longer"));
    assertThat(e.getStackTrace()[0].getClassName()).startsWith("dev.parley.client");
  }

  @Test
  void asyncErrorCompletesFutureWithClientException() {
    assertThatThrownBy(() -> client.queryAsync(FAIL, "x").join())
        .cause().isInstanceOf(ParleyClientException.class)
        .extracting(t -> ((ParleyClientException) t).code()).isEqualTo(ErrorCode.BAD_REQUEST);
  }

  @Test
  void mapsNonJsonErrorBodyByHttpStatus() {
    ParleyClientException e =
        catchThrowableOfType(ParleyClientException.class, () -> client.query(BROKEN));

    assertThat(e.code()).isEqualTo(ErrorCode.BAD_GATEWAY);
    assertThat(e.httpStatus()).isEqualTo(502);
  }

  @Test
  void outputThatDoesNotFitItsSchemaIsInternalServerError() {
    ParleyClientException e =
        catchThrowableOfType(ParleyClientException.class, () -> client.query(WRONG));

    assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL_SERVER_ERROR);
    assertThat(e.httpStatus()).isEqualTo(200);
    assertThat(e.issues()).extracting(Issue::path).containsExactly("id");
  }

  @Test
  void unknownProcedureAnswerIsNotFound() {
    var other = Parley.query("missing").output(String.class);
    try (ParleyClient<Shared> c = ParleyClient.http(server.uri(), CONTRACT.with(other))) {
      ParleyClientException e =
          catchThrowableOfType(ParleyClientException.class, () -> c.query(other));
      assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
      assertThat(e.httpStatus()).isEqualTo(404);
    }
  }

  @Test
  void refusesProcedureOutsideTheContract() {
    var other = Parley.query("elsewhere").output(String.class);

    assertThatThrownBy(() -> client.query(other))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("elsewhere");
    assertThat(server.requests()).isZero();
  }

  @Test
  void unreachableServerIsServiceUnavailableWithCause() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (ParleyClient<Shared> c =
        ParleyClient.http(URI.create("http://127.0.0.1:" + port + "/parley"), CONTRACT)) {
      ParleyClientException e =
          catchThrowableOfType(ParleyClientException.class, () -> c.query(ECHO, "a"));
      assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
      assertThat(e.httpStatus()).isZero();
      assertThat(e.getCause()).isInstanceOf(ConnectException.class);
    }
  }

  @Test
  void callsAfterCloseFailWithClientClosedRequest() {
    client.close();

    ParleyClientException e =
        catchThrowableOfType(ParleyClientException.class, () -> client.query(ECHO, "a"));
    assertThat(e.code()).isEqualTo(ErrorCode.CLIENT_CLOSED_REQUEST);
    assertThat(client.queryAsync(ECHO, "a")).isCompletedExceptionally();
  }

  @Test
  void http2OptionFallsBackToHttp11WhenServerDoesNotUpgrade() {
    ClientOptions h2 = ClientOptions.builder().httpVersion(HttpClient.Version.HTTP_2).build();
    try (ParleyClient<Shared> c = ParleyClient.http(server.uri(), CONTRACT, h2)) {
      assertThat(c.query(ECHO, "two")).isEqualTo("two");
      assertThat(c.mutate(ADD, new NewTodo("x")).text()).isEqualTo("x");
    }
  }

  @Test
  void sendsConfiguredHeadersAndRefusesRestrictedOnes() {
    ClientOptions auth = ClientOptions.builder().header("authorization", "Bearer t0k3n").build();
    try (ParleyClient<Shared> c = ParleyClient.http(server.uri(), CONTRACT, auth)) {
      c.query(ECHO, "a");
    }
    assertThat(server.received.get(0).authorization()).isEqualTo("Bearer t0k3n");

    ClientOptions restricted = ClientOptions.builder().header("host", "evil").build();

    assertThatThrownBy(() -> ParleyClient.http(server.uri(), CONTRACT, restricted))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void refusesBaseThatIsNotHttp() {
    assertThatThrownBy(() -> ParleyClient.http(URI.create("ftp://host/parley"), CONTRACT))
        .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("base: ");
    assertThatThrownBy(() -> ParleyClient.http(URI.create("http://host/p?x=1"), CONTRACT))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void acceptsBaseWithTrailingSlash() {
    try (ParleyClient<Shared> c = ParleyClient.http(URI.create(server.uri() + "/"), CONTRACT)) {
      assertThat(c.query(ECHO, "s")).isEqualTo("s");
    }
    assertThat(server.received.get(0).path()).isEqualTo("/parley/echo");
  }
}
