package dev.parley.server;

import static dev.parley.server.Fixture.get;
import static dev.parley.server.WireAssert.assertError;
import static dev.parley.server.WireAssert.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.Contract;
import dev.parley.ErrorCode;
import dev.parley.Parley;
import dev.parley.ParleyException;
import dev.parley.Query;
import dev.parley.Shared;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class MiddlewareTest {
  record AppCtx(String user, String tag) {
    AppCtx tagged(String t) {
      return new AppCtx(user, t);
    }
  }

  static final Query<Shared, Void, String> WHO = Parley.query("who").output(String.class);
  static final Contract CONTRACT = Fixture.CONTRACT.with(WHO);

  private static ParleyRequest getAs(String user) {
    return new ParleyRequest("GET", "who", "", Map.of("x-user", List.of(user)), new byte[0], null);
  }

  private static ParleyServer.Builder<Void, AppCtx> builder() {
    return ParleyServer.builder(CONTRACT)
        .context((req, id) -> new AppCtx(
            req.flatMap(r -> r.header("x-user")).orElse("anonymous"), "none"));
  }

  private static ParleyServer<AppCtx> withWho(ParleyServer<AppCtx> server, List<String> seen) {
    Fixture.implement(server);
    server.implement(WHO, (ctx, in) -> {
      seen.add("handler");
      return ctx.user() + "/" + ctx.tag();
    });
    return server;
  }

  @Test
  void runsMiddlewareInTheOrderAddedAroundTheHandler() {
    List<String> seen = new CopyOnWriteArrayList<>();
    var server = withWho(builder()
        .use((ctx, call, next) -> {
          seen.add("outer>" + call.name());
          Result out = next.proceed(ctx);
          seen.add("outer<");
          return out;
        })
        .use((ctx, call, next) -> {
          seen.add("inner>" + call.request().map(ParleyRequest::method).orElse("local"));
          Result out = next.proceed(ctx);
          seen.add("inner<");
          return out;
        })
        .build(), seen);
    assertThat(server.handle(getAs("ann")).status()).isEqualTo(200);
    assertThat(seen).containsExactly("outer>who", "inner>GET", "handler", "inner<", "outer<");
  }

  @Test
  void buildsTheContextWithTheContextFactory() {
    var server = withWho(builder().build(), new CopyOnWriteArrayList<>());
    assertThat(json(server.handle(getAs("ann"))).get("result").get("data").asString())
        .isEqualTo("ann/none");
  }

  @Test
  void letsAMiddlewareRejectTheCall() {
    List<String> seen = new CopyOnWriteArrayList<>();
    var server = withWho(builder()
        .use((ctx, call, next) -> {
          if (ctx.user().equals("anonymous")) {
            throw new ParleyException(ErrorCode.UNAUTHORIZED, "sign in first");
          }
          return next.proceed(ctx);
        })
        .build(), seen);
    var error = assertError(server.handle(get("who", "")), 401, "UNAUTHORIZED", -32001, "who");
    assertThat(error.get("message").asString()).isEqualTo("sign in first");
    assertThat(seen).isEmpty();
    assertThat(server.handle(getAs("ann")).status()).isEqualTo(200);
  }

  @Test
  void letsAMiddlewarePassANewContext() {
    var server = withWho(builder()
        .use((ctx, call, next) -> next.proceed(ctx.tagged("admin")))
        .build(), new CopyOnWriteArrayList<>());
    assertThat(json(server.handle(getAs("ann"))).get("result").get("data").asString())
        .isEqualTo("ann/admin");
  }

  @Test
  void givesResourcesTheContextTheHandlerSaw() {
    var tagged = Parley.mutation("tagged").output(String.class);
    var server = ParleyServer.builder(Contract.of(tagged))
        .context((req, id) -> new AppCtx("ann", "none"))
        .use((ctx, call, next) -> next.proceed(ctx.tagged("t1")))
        .build();
    server.implement(tagged, (ctx, in) -> "ok")
        .resources((ctx, in, out) -> java.util.Set.of(ctx.tag()));
    var r = server.handle(Fixture.post("tagged", "", new byte[0], "application/json"));
    assertThat(r.bodyText()).isEqualTo("{\"result\":{\"data\":\"ok\",\"resources\":[\"t1\"]}}");
  }

  @Test
  void runsMiddlewareForInProcessCalls() {
    List<String> seen = new CopyOnWriteArrayList<>();
    var server = withWho(builder()
        .use((ctx, call, next) -> {
          seen.add(call.request().isPresent() ? "http" : "local");
          return next.proceed(ctx);
        })
        .build(), seen);
    assertThat(server.invoker().invoke(WHO, null, Duration.ZERO)).isEqualTo("anonymous/none");
    assertThat(seen).containsExactly("local", "handler");
  }

  @Test
  void refusesContextAfterMiddleware() {
    var b = ParleyServer.builder(CONTRACT).use((ctx, call, next) -> next.proceed(ctx));
    assertThatThrownBy(() -> b.context((req, id) -> "x")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void answersAFailingContextFactoryWithItsCode() {
    var server = ParleyServer.builder(CONTRACT)
        .context((req, id) -> {
          throw new ParleyException(ErrorCode.FORBIDDEN, "go away");
        })
        .build();
    assertError(server.handle(getAs("ann")), 403, "FORBIDDEN", -32003, "who");
  }
}
