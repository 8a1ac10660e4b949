package dev.parley.testing;

import dev.parley.ClientEvent;
import dev.parley.ClientProcedure;
import dev.parley.Contract;
import dev.parley.Event;
import dev.parley.Parley;
import dev.parley.Query;
import dev.parley.Role;
import dev.parley.Shared;
import dev.parley.client.ClientOptions;
import dev.parley.client.ParleyClient;
import dev.parley.server.Identity;
import dev.parley.server.ParleyServer;
import dev.parley.server.ServerOptions;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;

/**
 * A contract with two roles for the realtime tests: users and agents, each with an event of its
 * own, a shared event, a client event and client procedures. A caller's bearer token is {@code
 * user:<name>} or {@code agent:<name>}; none is anonymous.
 */
final class Plaza {
  interface User extends Shared {}

  interface Agent extends Shared {}

  static final Role<User> USER = Role.of("user", User.class);
  static final Role<Agent> AGENT = Role.of("agent", Agent.class);

  record Note(@NotBlank String text) {}

  record Question(String text) {}

  record Answer(@NotBlank String text) {}

  static final Event<Shared, Note> NEWS = Parley.event("news").payload(Note.class);
  static final Event<User, Note> USER_NEWS = Parley.event("userNews").role(USER).payload(Note.class);
  static final Event<Agent, Note> AGENT_NEWS =
      Parley.event("agentNews").role(AGENT).payload(Note.class);
  static final ClientEvent<Shared, Note> TYPING = Parley.clientEvent("typing").payload(Note.class);
  static final ClientEvent<Agent, Note> AGENT_TYPING =
      Parley.clientEvent("agentTyping").role(AGENT).payload(Note.class);
  static final ClientProcedure<User, Question, Answer> CONFIRM =
      Parley.clientProcedure("confirm").role(USER).input(Question.class).output(Answer.class);
  static final ClientProcedure<Shared, Question, Answer> ASK =
      Parley.clientProcedure("ask").input(Question.class).output(Answer.class);
  static final Query<Shared, Void, Integer> PING = Parley.query("ping").output(Integer.class);
  static final Contract CONTRACT =
      Contract.of(NEWS, USER_NEWS, AGENT_NEWS, TYPING, AGENT_TYPING, CONFIRM, ASK, PING);

  private Plaza() {}

  static ParleyServer<Identity<String>> server(ServerOptions options) {
    var server = ParleyServer.builder(CONTRACT).options(options)
        .authenticate(request -> request.bearerToken().map(token -> {
          int colon = token.indexOf(':');
          Role<?> role = token.startsWith("user:") ? USER : AGENT;
          return Identity.of(role, token.substring(colon + 1));
        }).orElse(Identity.anonymous())).build();
    server.implement(PING, (ctx, in) -> 0);
    return server;
  }

  static ParleyServer<Identity<String>> server() {
    return server(ServerOptions.defaults());
  }

  static <R extends Shared> ParleyClient<R> client(TestServer test, Role<R> role, String token) {
    ClientOptions.Builder options = ClientOptions.builder()
        .reconnectDelay(Duration.ofMillis(20)).maxReconnectDelay(Duration.ofMillis(100));
    if (!token.isEmpty()) {
      options.header("authorization", "Bearer " + token);
    }
    return test.websocket(role, options.build());
  }
}
