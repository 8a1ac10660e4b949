package dev.parley.server;

import dev.parley.Contract;
import dev.parley.ErrorCode;
import dev.parley.Mutation;
import dev.parley.Parley;
import dev.parley.ParleyException;
import dev.parley.Query;
import dev.parley.Role;
import dev.parley.Shared;
import jakarta.validation.constraints.NotBlank;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** A contract with a shared surface and three roles, and requests made with their tokens. */
final class Roles {
  interface User extends Shared {}

  interface Agent extends Shared {}

  interface Admin extends User {}

  static final Role<User> USER = Role.of("user", User.class);
  static final Role<Agent> AGENT = Role.of("agent", Agent.class);
  static final Role<Admin> ADMIN = Role.of("admin", Admin.class);

  record Text(@NotBlank String text) {}

  static final Query<Shared, Void, String> WHOAMI = Parley.query("whoami").output(String.class);
  static final Mutation<User, Text, String> SAY =
      Parley.mutation("say").role(USER).input(Text.class).output(String.class);
  static final Query<User, Text, String> INBOX =
      Parley.query("inbox").role(USER).input(Text.class).output(String.class);
  static final Mutation<Agent, Text, String> ANNOUNCE =
      Parley.mutation("announce").role(AGENT).input(Text.class).output(String.class);
  static final Mutation<Admin, Void, String> BAN =
      Parley.mutation("ban").role(ADMIN).output(String.class);

  static final Contract CONTRACT = Contract.of(WHOAMI, SAY, INBOX, ANNOUNCE, BAN);

  /** Principals by bearer token. */
  static final Map<String, Identity<String>> TOKENS = Map.of(
      "u-token", Identity.of(USER, "ada"),
      "a-token", Identity.of(AGENT, "bot"),
      "x-token", Identity.of(ADMIN, "root"));

  /** No authorization: anonymous; a known bearer token: its identity; else UNAUTHORIZED. */
  static final Authenticator<String> BY_TOKEN = request -> request.header("authorization")
      .map(h -> {
        Identity<String> id = TOKENS.get(h.replaceFirst("^Bearer ", ""));
        if (id == null) {
          throw new ParleyException(ErrorCode.UNAUTHORIZED, "Unknown token");
        }
        return id;
      })
      .orElse(Identity.anonymous());

  /** The context every handler of {@link #server} gets: who called, in which role. */
  record Ctx(String who, String role) {}

  private Roles() {}

  /** A server of {@link #CONTRACT}; each handler records its name in {@code ran}. */
  static ParleyServer<Ctx> server(List<String> ran) {
    ParleyServer<Ctx> server = ParleyServer.builder(CONTRACT)
        .authenticate(BY_TOKEN)
        .context((request, id) -> new Ctx(id.principalIfAny().orElse("nobody"), id.role().name()))
        .build();
    server.implement(WHOAMI, (ctx, in) -> record(ran, "whoami", ctx.who() + "/" + ctx.role()));
    server.implement(SAY, (ctx, in) -> record(ran, "say", ctx.who() + " says " + in.text()))
        .resources((ctx, in, out) -> Set.of("chat"));
    server.implement(INBOX, (ctx, in) -> record(ran, "inbox", "inbox of " + ctx.who()));
    server.implement(ANNOUNCE, (ctx, in) -> record(ran, "announce", "announced " + in.text()));
    server.implement(BAN, (ctx, in) -> record(ran, "ban", "banned by " + ctx.who()));
    return server;
  }

  static List<String> log() {
    return new CopyOnWriteArrayList<>();
  }

  private static String record(List<String> ran, String name, String result) {
    ran.add(name);
    return result;
  }

  static ParleyRequest get(String token, String path, String query) {
    return new ParleyRequest("GET", path, query, auth(token, null), new byte[0], null);
  }

  static ParleyRequest post(String token, String path, String query, String body) {
    return new ParleyRequest("POST", path, query, auth(token, "application/json"),
        body.getBytes(StandardCharsets.UTF_8), null);
  }

  private static Map<String, List<String>> auth(String token, String contentType) {
    Map<String, List<String>> headers = new java.util.HashMap<>();
    if (token != null) {
      headers.put("authorization", List.of("Bearer " + token));
    }
    if (contentType != null) {
      headers.put("content-type", List.of(contentType));
    }
    return headers;
  }
}
