package dev.parley.server;

import static dev.parley.server.Roles.get;
import static dev.parley.server.Roles.post;
import static dev.parley.server.WireAssert.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.ErrorCode;
import dev.parley.ParleyException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GuardTest {
  /** A context where the user may be missing, as an authenticator leaves it for anonymous callers. */
  record MaybeUser(Optional<String> user) {}

  /** The narrowed context: a user for sure. */
  record SignedIn(String user) {}

  private static final Narrowing<MaybeUser, SignedIn> SIGNED_IN = (ctx, call) -> ctx.user()
      .map(SignedIn::new)
      .orElseThrow(() -> new ParleyException(ErrorCode.UNAUTHORIZED, "Sign in first"));

  private final List<String> ran = Roles.log();

  private ParleyServer<MaybeUser> server() {
    return ParleyServer.builder(Roles.CONTRACT)
        .authenticate(Roles.BY_TOKEN)
        .context((request, id) -> new MaybeUser(id.principalIfAny()))
        .build();
  }

  @Test
  void answersForbiddenWhenAGuardRefusesAndNeverRunsTheHandler() {
    var server = server();
    server.implement(Roles.WHOAMI, (ctx, in) -> "me");
    server.implement(Roles.SAY, (ctx, in) -> {
          ran.add("say");
          return "said";
        })
        .guard((ctx, in) -> !in.text().contains("spam"))
        .guard((ctx, in) -> ctx.user().orElse("").equals("ada"));
    implementRest(server);

    var refused = server.handle(post("u-token", "say", "", "{\"text\":\"buy spam\"}"));
    assertError(refused, 403, "FORBIDDEN", -32003, "say");
    assertThat(refused.bodyText()).contains("Not allowed to call \\\"say\\\"");
    assertThat(ran).isEmpty();
    assertThat(server.handle(post("u-token", "say", "", "{\"text\":\"hello\"}")).status())
        .isEqualTo(200);
    assertThat(ran).containsExactly("say");
  }

  @Test
  void handsTheHandlerGuardsAndResourcesTheNarrowedContext() {
    var server = server();
    server.implement(Roles.WHOAMI, SIGNED_IN, (SignedIn ctx, Void in) -> ctx.user());
    server.implement(Roles.SAY, SIGNED_IN, (SignedIn ctx, Roles.Text in) -> ctx.user() + ": " + in.text())
        .guard((SignedIn ctx, Roles.Text in) -> !ctx.user().equals("root"))
        .resources((ctx, in, out) -> Set.of("inbox/" + ctx.user()));
    implementRest(server);

    assertThat(server.handle(get("u-token", "whoami", "")).bodyText())
        .isEqualTo("{\"result\":{\"data\":\"ada\"}}");
    assertThat(server.handle(post("u-token", "say", "", "{\"text\":\"hi\"}")).bodyText())
        .isEqualTo("{\"result\":{\"data\":\"ada: hi\",\"resources\":[\"inbox/ada\"]}}");
    assertError(server.handle(post("x-token", "say", "", "{\"text\":\"hi\"}")),
        403, "FORBIDDEN", -32003, "say");
  }

  @Test
  void answersTheNarrowingsRefusalWithItsCode() {
    var server = server();
    server.implement(Roles.WHOAMI, SIGNED_IN, (SignedIn ctx, Void in) -> ctx.user());
    implementRest(server);
    server.implement(Roles.SAY, (ctx, in) -> "said");

    var r = server.handle(get(null, "whoami", ""));
    assertError(r, 401, "UNAUTHORIZED", -32001, "whoami");
    assertThat(r.bodyText()).contains("Sign in first");
    assertThat(server.handle(get("a-token", "whoami", "")).bodyText()).contains("bot");
  }

  private static void implementRest(ParleyServer<MaybeUser> server) {
    server.implement(Roles.INBOX, (ctx, in) -> "inbox");
    server.implement(Roles.ANNOUNCE, (ctx, in) -> "announced");
    server.implement(Roles.BAN, (ctx, in) -> "banned");
  }
}
