package dev.parley.server;

import static dev.parley.server.Fixture.input;
import static dev.parley.server.Roles.get;
import static dev.parley.server.Roles.post;
import static dev.parley.server.WireAssert.assertError;
import static dev.parley.server.WireAssert.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.ErrorCode;
import dev.parley.ParleyException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RoleBoundaryTest {
  private final List<String> ran = Roles.log();
  private final ParleyServer<Roles.Ctx> server = Roles.server(ran);

  /** The body of a NOT_FOUND answer, for comparing a hidden procedure with a missing one. */
  private static String notFoundBody(ParleyResponse r, String path) {
    assertError(r, 404, "NOT_FOUND", -32004, path);
    return r.bodyText();
  }

  @Test
  void servesTheSharedSurfaceToAnonymousCallersWithTheirIdentityInTheContext() {
    var r = server.handle(get(null, "whoami", ""));
    assertThat(r.bodyText()).isEqualTo("{\"result\":{\"data\":\"nobody/shared\"}}");
  }

  @Test
  void servesARolesProcedureToItsRoleWithThePrincipalInTheContext() {
    var r = server.handle(post("u-token", "say", "", "{\"text\":\"hi\"}"));
    assertThat(r.bodyText())
        .isEqualTo("{\"result\":{\"data\":\"ada says hi\",\"resources\":[\"chat\"]}}");
  }

  @Test
  void answersAnotherRolesMutationExactlyAsAProcedureThatDoesNotExist() {
    String hidden = notFoundBody(server.handle(post("a-token", "say", "", "{\"text\":\"hi\"}")), "say");
    String missing = notFoundBody(server.handle(post("a-token", "nope", "", "{}")), "nope");
    assertThat(hidden.replace("say", "X")).isEqualTo(missing.replace("nope", "X"));
    assertThat(ran).isEmpty();
  }

  @Test
  void refusesAnotherRolesProcedureBeforeDecodingItsInput() {
    notFoundBody(server.handle(get("a-token", "inbox", input("{\"text\":"))), "inbox");
    notFoundBody(server.handle(get(null, "inbox", input("[1,2"))), "inbox");
    notFoundBody(server.handle(post("a-token", "say", "", "{\"text\": 12")), "say");
    assertThat(ran).isEmpty();
    assertThat(server.handle(get("u-token", "inbox", input("{\"text\":\"x\"}"))).status())
        .isEqualTo(200);
  }

  @Test
  void answersAnotherRolesMutationByGetNotFoundRatherThanMethodNotSupported() {
    notFoundBody(server.handle(get("a-token", "say", "")), "say");
    assertError(server.handle(get("u-token", "say", "")), 405, "METHOD_NOT_SUPPORTED", -32005, "say");
  }

  @Test
  void hidesOnlyTheOutsideCallsOfABatchAndDecodesNoInputForThem() {
    var r = server.handle(post("u-token", "say,announce", "batch=1",
        "{\"0\":{\"text\":\"hi\"},\"1\":{\"text\":\"all\"}}"));
    var body = json(r);
    assertThat(r.status()).isEqualTo(207);
    assertThat(body.get(0).get("result").get("data").asString()).isEqualTo("ada says hi");
    assertThat(body.get(1).get("error").get("data").get("code").asString()).isEqualTo("NOT_FOUND");

    var hiddenOnly = server.handle(post("u-token", "announce", "batch=1", "{\"0\": nonsense"));
    assertThat(json(hiddenOnly).get(0).get("error").get("data").get("code").asString())
        .isEqualTo("NOT_FOUND");
    assertThat(ran).containsExactly("say");
  }

  @Test
  void letsARoleCallTheProceduresOfTheRoleItExtends() {
    assertThat(server.handle(post("x-token", "say", "", "{\"text\":\"hi\"}")).status()).isEqualTo(200);
    assertThat(server.handle(post("x-token", "ban", "", "")).bodyText()).contains("banned by root");
    notFoundBody(server.handle(post("u-token", "ban", "", "")), "ban");
  }

  @Test
  void refusesUnknownCredentialsUnauthorizedAndServesTheNextCall() {
    assertError(server.handle(get("wrong", "whoami", "")), 401, "UNAUTHORIZED", -32001, null);
    assertThat(ran).isEmpty();
    assertThat(server.handle(get("u-token", "whoami", "")).bodyText()).contains("ada/user");
  }

  @Test
  void checksTheRoleOfInProcessCallersAndBuildsTheirContextWithTheFactory() {
    var asAgent = server.invoker(Roles.TOKENS.get("a-token"));
    assertThatThrownBy(() -> asAgent.invoke(Roles.SAY, new Roles.Text("hi"), Duration.ZERO))
        .isInstanceOfSatisfying(ParleyException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    assertThat(asAgent.invoke(Roles.ANNOUNCE, new Roles.Text("up"), Duration.ZERO))
        .isEqualTo("announced up");
    assertThat(server.invoker(Roles.TOKENS.get("u-token"))
        .invoke(Roles.SAY, new Roles.Text("hi"), Duration.ZERO)).isEqualTo("ada says hi");
    assertThat(server.invoker().invoke(Roles.WHOAMI, null, Duration.ZERO))
        .isEqualTo("nobody/shared");
  }

  @Test
  void showsMiddlewareWhoIsCalling() {
    List<String> seen = Roles.log();
    ParleyServer<String> s = ParleyServer.builder(Roles.CONTRACT)
        .authenticate(Roles.BY_TOKEN)
        .context((request, id) -> "ctx")
        .use((ctx, call, next) -> {
          seen.add(call.identity().role().name() + ":" + call.identity().principal());
          return next.proceed(ctx);
        })
        .build();
    s.implement(Roles.WHOAMI, (ctx, in) -> "me");
    s.handle(get("a-token", "whoami", ""));
    s.handle(get(null, "whoami", ""));
    assertThat(seen).containsExactly("agent:bot", "shared:null");
  }
}
