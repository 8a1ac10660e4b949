package dev.parley.server;

import static dev.parley.server.Roles.get;
import static dev.parley.server.Roles.post;
import static dev.parley.server.WireAssert.assertError;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.ErrorCode;
import dev.parley.ParleyException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Guards and narrowing are middleware, attached to procedure bases. */
class GuardTest {
  /** A context where the user may be missing, as an authenticator leaves it for anonymous callers. */
  record MaybeUser(Optional<String> user) {}

  /** The narrowed context: a user for sure. */
  record SignedIn(String user) {}

  private final AtomicInteger narrowings = new AtomicInteger();

  private final Narrowing<MaybeUser, SignedIn> signedIn = (ctx, call) -> {
    narrowings.incrementAndGet();
    return ctx.user()
        .map(SignedIn::new)
        .orElseThrow(() -> new ParleyException(ErrorCode.UNAUTHORIZED, "Sign in first"));
  };

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
    Guard<MaybeUser> noSpam = (ctx, call) -> !((Roles.Text) call.input()).text().contains("spam");
    Guard<MaybeUser> adaOnly = (ctx, call) -> ctx.user().orElse("").equals("ada");
    server.procedures().use(noSpam).use(adaOnly).implement(Roles.SAY, (ctx, in) -> {
      ran.add("say");
      return "said";
    });
    implementRest(server);

    var refused = server.handle(post("u-token", "say", "", "{\"text\":\"buy spam\"}"));
    assertError(refused, 403, "FORBIDDEN", -32003, "say");
    assertThat(refused.bodyText()).contains("Not allowed to call \\\"say\\\"");
    assertError(server.handle(post("x-token", "say", "", "{\"text\":\"hi\"}")),
        403, "FORBIDDEN", -32003, "say");
    assertThat(ran).isEmpty();
    assertThat(server.handle(post("u-token", "say", "", "{\"text\":\"hello\"}")).status())
        .isEqualTo(200);
    assertThat(ran).containsExactly("say");
  }

  @Test
  void refusesWithAGuardWrittenInline() {
    var server = server();
    server.procedures().guard((ctx, call) -> false).implement(Roles.SAY, (ctx, in) -> {
      ran.add("say");
      return "said";
    });
    implementRest(server);
    server.implement(Roles.WHOAMI, (ctx, in) -> "me");
    assertError(server.handle(post("u-token", "say", "", "{\"text\":\"hi\"}")),
        403, "FORBIDDEN", -32003, "say");
    assertThat(ran).isEmpty();
  }

  @Test
  void handsTheHandlerAndResourcesTheNarrowedContextNarrowedOncePerCall() {
    var server = server();
    Procedures<SignedIn> signedInProcedures = server.procedures().narrow(signedIn);
    Guard<SignedIn> notRoot = (ctx, call) -> !ctx.user().equals("root");
    signedInProcedures.implement(Roles.WHOAMI, (ctx, in) -> ctx.user());
    signedInProcedures.use(notRoot)
        .implement(Roles.SAY, (ctx, in) -> ctx.user() + ": " + in.text())
        .resources((ctx, in, out) -> Set.of("inbox/" + ctx.user()));
    implementRest(server);

    assertThat(server.handle(get("u-token", "whoami", "")).bodyText())
        .isEqualTo("{\"result\":{\"data\":\"ada\"}}");
    narrowings.set(0);
    assertThat(server.handle(post("u-token", "say", "", "{\"text\":\"hi\"}")).bodyText())
        .isEqualTo("{\"result\":{\"data\":\"ada: hi\",\"resources\":[\"inbox/ada\"]}}");
    assertThat(narrowings).hasValue(1);
    assertError(server.handle(post("x-token", "say", "", "{\"text\":\"hi\"}")),
        403, "FORBIDDEN", -32003, "say");
  }

  @Test
  void answersTheNarrowingsRefusalWithItsCode() {
    var server = server();
    server.procedures().narrow(signedIn).implement(Roles.WHOAMI, (ctx, in) -> ctx.user());
    implementRest(server);
    server.implement(Roles.SAY, (ctx, in) -> "said");

    var r = server.handle(get(null, "whoami", ""));
    assertError(r, 401, "UNAUTHORIZED", -32001, "whoami");
    assertThat(r.bodyText()).contains("Sign in first");
    assertThat(server.handle(get("a-token", "whoami", "")).bodyText()).contains("bot");
  }

  @Test
  void narrowsServerWideSoThatEveryHandlerGetsTheNarrowedContext() {
    ParleyServer<SignedIn> server = ParleyServer.builder(Roles.CONTRACT)
        .authenticate(Roles.BY_TOKEN)
        .context((request, id) -> new MaybeUser(id.principalIfAny()))
        .narrow(signedIn)
        .build();
    server.implement(Roles.WHOAMI, (ctx, in) -> ctx.user());
    server.implement(Roles.SAY, (ctx, in) -> ctx.user());
    server.implement(Roles.INBOX, (ctx, in) -> ctx.user());
    server.implement(Roles.ANNOUNCE, (ctx, in) -> ctx.user());
    server.implement(Roles.BAN, (ctx, in) -> ctx.user());

    assertThat(server.invoker(Roles.TOKENS.get("a-token"))
        .invoke(Roles.WHOAMI, null, Duration.ZERO)).isEqualTo("bot");
    assertError(server.handle(get(null, "whoami", "")), 401, "UNAUTHORIZED", -32001, "whoami");
  }

  private static void implementRest(ParleyServer<MaybeUser> server) {
    server.implement(Roles.INBOX, (ctx, in) -> "inbox");
    server.implement(Roles.ANNOUNCE, (ctx, in) -> "announced");
    server.implement(Roles.BAN, (ctx, in) -> "banned");
  }
}
