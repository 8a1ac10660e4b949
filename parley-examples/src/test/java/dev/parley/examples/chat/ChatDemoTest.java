package dev.parley.examples.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.ErrorCode;
import dev.parley.Mutation;
import dev.parley.client.ClientOptions;
import dev.parley.client.ParleyClient;
import dev.parley.client.ParleyClientException;
import dev.parley.examples.chat.ChatApi.Agent;
import dev.parley.examples.chat.ChatApi.Text;
import dev.parley.examples.chat.ChatApi.User;
import dev.parley.examples.todos.TodoApi;
import dev.parley.examples.todos.TodoDemo;
import dev.parley.examples.todos.TodoStore;
import dev.parley.testing.ParleyTest;
import dev.parley.testing.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The demo's roles over real HTTP: Jetty, the Java client, and raw requests for the refusals. */
class ChatDemoTest {
  private static final DemoTokens TOKENS = new DemoTokens("user-secret", "agent-secret");

  private TestServer test;
  private ParleyClient<User> user;
  private ParleyClient<Agent> agent;

  @BeforeEach
  void start() {
    test = ParleyTest.http(TodoDemo.server(new TodoStore(), new ChatRoom(), TOKENS));
    user = test.client(ChatApi.USER, bearer(TOKENS.user()));
    agent = test.client(ChatApi.AGENT, bearer(TOKENS.agent()));
  }

  @AfterEach
  void stop() {
    test.close();
  }

  private static ClientOptions bearer(String token) {
    return ClientOptions.builder().header("authorization", "Bearer " + token).build();
  }

  private HttpResponse<String> post(String name, String token, String body) throws Exception {
    var request = HttpRequest.newBuilder(URI.create(test.uri() + "/" + name))
        .header("content-type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("authorization", "Bearer " + token);
    }
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
  }

  @Test
  void usersSayAgentsAnnounceAndEveryoneReadsTheMessages() {
    assertThat(user.mutate(ChatApi.SAY, new Text("hello")).author()).isEqualTo("ada");
    assertThat(agent.mutate(ChatApi.ANNOUNCE, new Text("deploy at 5")).role()).isEqualTo("agent");
    assertThat(test.client().query(ChatApi.MESSAGES))
        .extracting(ChatApi.Message::text).containsExactly("hello", "deploy at 5");
    assertThat(agent.query(TodoApi.GET_TODOS)).isEmpty();
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void refusesARolesVerbToTheOtherRoleAsIfItDidNotExist() throws Exception {
    var agentSays = post("say", TOKENS.agent(), "{\"text\":\"hi\"}");
    var nobodyAnnounces = post("announce", null, "{\"text\":\"hi\"}");
    var missing = post("shout", TOKENS.agent(), "{\"text\":\"hi\"}");
    assertThat(agentSays.statusCode()).isEqualTo(404);
    assertThat(nobodyAnnounces.statusCode()).isEqualTo(404);
    assertThat(agentSays.body().replace("say", "X")).isEqualTo(missing.body().replace("shout", "X"));

    ParleyClient<Agent> claimsUser = test.client(ChatApi.AGENT, bearer(TOKENS.agent()));
    Mutation<Agent, Text, ChatApi.Message> smuggled = (Mutation) ChatApi.SAY;
    assertThatThrownBy(() -> claimsUser.mutate(smuggled, new Text("hi")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is for role user");
    assertThat(test.client().query(ChatApi.MESSAGES)).isEmpty();
  }

  @Test
  void refusesAWrongTokenUnauthorizedAndKeepsServing() {
    ParleyClient<User> impostor = test.client(ChatApi.USER, bearer("guess"));
    assertThatThrownBy(() -> impostor.mutate(ChatApi.SAY, new Text("hi")))
        .isInstanceOfSatisfying(ParleyClientException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHORIZED);
          assertThat(e.httpStatus()).isEqualTo(401);
        });
    assertThat(user.mutate(ChatApi.SAY, new Text("still here")).id()).isEqualTo(1);
  }

  @Test
  void limitsHowOftenAUserSaysSomethingWithRetryAfterAndKeepsOtherCallsGoing() throws Exception {
    for (int i = 0; i < TodoDemo.POSTS_PER_PERIOD; i++) {
      user.mutate(ChatApi.SAY, new Text("message " + i));
    }
    var limited = post("say", TOKENS.user(), "{\"text\":\"one too many\"}");
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("retry-after")).hasValueSatisfying(
        v -> assertThat(Long.parseLong(v)).isBetween(1L, dev.parley.examples.chat.ChatServer.POST_PERIOD.toSeconds()));
    assertThat(limited.body()).contains("\"code\":\"TOO_MANY_REQUESTS\"");
    assertThatThrownBy(() -> user.mutate(ChatApi.SAY, new Text("again")))
        .isInstanceOfSatisfying(ParleyClientException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.TOO_MANY_REQUESTS));
    assertThat(agent.mutate(ChatApi.ANNOUNCE, new Text("agents have their own bucket")).id())
        .isEqualTo(TodoDemo.POSTS_PER_PERIOD + 1);
    assertThat(user.query(ChatApi.MESSAGES)).hasSize(TodoDemo.POSTS_PER_PERIOD + 1);
  }

  @Test
  void refusesAPageOfAnotherOriginOverJetty() throws Exception {
    var request = HttpRequest.newBuilder(URI.create(test.uri() + "/say"))
        .header("content-type", "application/json")
        .header("authorization", "Bearer " + TOKENS.user())
        .header("origin", "https://evil.example")
        .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"pwned\"}"))
        .build();
    try (HttpClient http = HttpClient.newHttpClient()) {
      var r = http.send(request, HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(403);
      assertThat(r.headers().firstValue("access-control-allow-origin")).isEmpty();
    }
    assertThat(test.client().query(ChatApi.MESSAGES)).isEmpty();
  }
}
