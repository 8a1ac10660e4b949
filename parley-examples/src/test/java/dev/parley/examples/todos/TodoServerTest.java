package dev.parley.examples.todos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.parley.ErrorCode;
import dev.parley.Issue;
import dev.parley.Shared;
import dev.parley.client.MutationResult;
import dev.parley.client.ParleyClient;
import dev.parley.client.ParleyClientException;
import dev.parley.server.ParleyRequest;
import dev.parley.testing.ParleyTest;
import dev.parley.testing.TestServer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The todo API through the real server, real Jetty and the real Java client. */
class TodoServerTest {

  static final Instant NOW = Instant.parse("2026-05-06T07:08:09.123Z");

  TodoStore store;
  TestServer test;
  ParleyClient<Shared> client;

  @BeforeEach
  void start() {
    store = new TodoStore(3, Clock.fixed(NOW, ZoneOffset.UTC));
    test = ParleyTest.http(TodoServer.create(store));
    client = test.client();
  }

  @AfterEach
  void stop() {
    test.close();
  }

  @Test
  void listsAddsAndDeletes() {
    assertThat(client.query(TodoApi.GET_TODOS)).isEmpty();

    Todo milk = client.mutate(TodoApi.ADD_TODO, new NewTodo("milk"));
    assertThat(milk).isEqualTo(new Todo("1", "milk", NOW));
    Todo eggs = client.mutate(TodoApi.ADD_TODO, new NewTodo("eggs"));
    assertThat(client.query(TodoApi.GET_TODOS)).containsExactly(milk, eggs);

    assertThat(client.mutate(TodoApi.DELETE_TODO, new TodoId("1"))).isNull();
    assertThat(client.query(TodoApi.GET_TODOS)).containsExactly(eggs);
    assertThat(store.all()).containsExactly(eggs);
  }

  @Test
  void discriminatedUnionsRoundTripAsInputAndOutput() {
    Todo milk = client.mutate(TodoApi.ADD_TODO, new NewTodo("Milk"));
    Todo eggs = client.mutate(TodoApi.ADD_TODO, new NewTodo("eggs"));

    assertThat(client.query(TodoApi.FIND_TODOS, new TodoFilter.Containing("mil")))
        .containsExactly(milk);
    assertThat(client.query(TodoApi.FIND_TODOS, new TodoFilter.Newest(1))).containsExactly(eggs);
    assertThat(client.query(TodoApi.FIND_TODOS, new TodoFilter.All())).containsExactly(milk, eggs);
    assertThat(client.query(TodoApi.GET_TODO, new TodoId("1"))).isEqualTo(new TodoLookup.Found(milk));
    assertThat(client.query(TodoApi.GET_TODO, new TodoId("9"))).isEqualTo(new TodoLookup.Missing("9"));

    var tooMany = catchThrowableOfType(ParleyClientException.class,
        () -> client.query(TodoApi.FIND_TODOS, new TodoFilter.Newest(1000)));
    assertThat(tooMany.issues()).extracting(Issue::path).containsExactly("count");
  }

  @Test
  void anUnknownVariantOverTheWireIsBadRequestAtType() throws Exception {
    try (var http = java.net.http.HttpClient.newHttpClient()) {
      var response = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(test.uri()
              + "/findTodos?input=" + java.net.URLEncoder.encode("{\"type\":\"oldest\"}",
              java.nio.charset.StandardCharsets.UTF_8))).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(response.body()).contains("\"issues\":[{\"path\":\"type\",\"message\":"
          + "\"\\\"oldest\\\" is not one of \\\"all\\\", \\\"containing\\\", \\\"newest\\\"\"}]");
    }
    assertThat(client.query(TodoApi.GET_TODOS)).isEmpty();
  }

  @Test
  void mutationResultsCarryTheResourcesOfCovenantsSeed() {
    MutationResult<Todo> added = client.mutateForResult(TodoApi.ADD_TODO, new NewTodo("milk"));
    assertThat(added.value()).isNotNull();
    assertThat(added.resources()).containsExactlyInAnyOrder("todos", "todo/1");

    MutationResult<Void> deleted = client.mutateForResult(TodoApi.DELETE_TODO, new TodoId("1"));
    assertThat(deleted.value()).isNull();
    assertThat(deleted.resources()).containsExactlyInAnyOrder("todos", "todo/1");
  }

  @Test
  void emptyTextIsBadRequestWithAnIssueAtText() {
    ParleyClientException e = catchThrowableOfType(ParleyClientException.class,
        () -> client.mutate(TodoApi.ADD_TODO, new NewTodo("")));

    assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
    assertThat(e.httpStatus()).isEqualTo(400);
    assertThat(e.issues()).extracting(Issue::path).containsExactly("text");
    assertThat(store.all()).isEmpty();
  }

  @Test
  void textOverTwoHundredCharactersIsBadRequest() {
    assertThat(client.mutate(TodoApi.ADD_TODO, new NewTodo("x".repeat(200))).text()).hasSize(200);

    ParleyClientException e = catchThrowableOfType(ParleyClientException.class,
        () -> client.mutate(TodoApi.ADD_TODO, new NewTodo("x".repeat(201))));
    assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
    assertThat(e.issues()).extracting(Issue::path).containsExactly("text");
  }

  @Test
  void deletingAnUnknownIdIsNotFound() {
    client.mutate(TodoApi.ADD_TODO, new NewTodo("milk"));

    ParleyClientException e = catchThrowableOfType(ParleyClientException.class,
        () -> client.mutate(TodoApi.DELETE_TODO, new TodoId("42")));

    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(e.httpStatus()).isEqualTo(404);
    assertThat(e.getMessage()).contains("42");
    assertThat(client.query(TodoApi.GET_TODOS)).hasSize(1);
  }

  @Test
  void deletingTwiceIsNotFoundTheSecondTime() {
    Todo milk = client.mutate(TodoApi.ADD_TODO, new NewTodo("milk"));
    client.mutate(TodoApi.DELETE_TODO, new TodoId(milk.id()));

    ParleyClientException e = catchThrowableOfType(ParleyClientException.class,
        () -> client.mutate(TodoApi.DELETE_TODO, new TodoId(milk.id())));
    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  void aFullStoreIsAConflict() {
    for (String text : List.of("a", "b", "c")) {
      client.mutate(TodoApi.ADD_TODO, new NewTodo(text));
    }

    ParleyClientException e = catchThrowableOfType(ParleyClientException.class,
        () -> client.mutate(TodoApi.ADD_TODO, new NewTodo("d")));
    assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT);
    assertThat(client.query(TodoApi.GET_TODOS)).hasSize(3);
  }

  @Test
  void callsIssuedTogetherAllSucceed() {
    var a = client.mutateAsync(TodoApi.ADD_TODO, new NewTodo("a"));
    var b = client.mutateAsync(TodoApi.ADD_TODO, new NewTodo("b"));
    var list = client.queryAsync(TodoApi.GET_TODOS);

    assertThat(List.of(a.join().text(), b.join().text())).containsExactlyInAnyOrder("a", "b");
    assertThat(list.join()).isNotNull();
    assertThat(client.query(TodoApi.GET_TODOS)).extracting(Todo::text).containsExactlyInAnyOrder("a", "b");
  }

  @Test
  void inProcessCallsKeepValidationAndErrors() {
    ParleyClient<Shared> local = ParleyTest.inProcess(TodoServer.create(new TodoStore()));

    assertThat(local.mutate(TodoApi.ADD_TODO, new NewTodo("milk")).id()).isEqualTo("1");
    assertThat(catchThrowableOfType(ParleyClientException.class,
        () -> local.mutate(TodoApi.ADD_TODO, new NewTodo(""))).issues())
        .extracting(Issue::path).containsExactly("text");
    assertThat(catchThrowableOfType(ParleyClientException.class,
        () -> local.mutate(TodoApi.DELETE_TODO, new TodoId("9"))).code())
        .isEqualTo(ErrorCode.NOT_FOUND);
  }
}
