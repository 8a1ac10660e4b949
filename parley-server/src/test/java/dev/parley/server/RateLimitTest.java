package dev.parley.server;

import static dev.parley.server.Roles.get;
import static dev.parley.server.Roles.post;
import static dev.parley.server.WireAssert.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.ErrorCode;
import dev.parley.ParleyException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimitTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);

  private ParleyServer<String> server(RateLimit<String> limit) {
    ParleyServer<String> server = ParleyServer.builder(Roles.CONTRACT)
        .authenticate(Roles.BY_TOKEN)
        .context((request, id) -> "ctx")
        .use(limit.ticking(now::get))
        .build();
    server.implement(Roles.WHOAMI, (ctx, in) -> "me");
    server.implement(Roles.SAY, (ctx, in) -> "said");
    server.implement(Roles.INBOX, (ctx, in) -> "inbox");
    server.implement(Roles.ANNOUNCE, (ctx, in) -> "announced");
    server.implement(Roles.BAN, (ctx, in) -> "banned");
    return server;
  }

  private void advance(Duration d) {
    now.addAndGet(d.toNanos());
  }

  @Test
  void answersTooManyRequestsWithRetryAfterThenRecovers() {
    var server = server(RateLimit.of(2, Duration.ofSeconds(10)));
    assertThat(server.handle(get("u-token", "whoami", "")).status()).isEqualTo(200);
    assertThat(server.handle(get("u-token", "whoami", "")).status()).isEqualTo(200);

    var limited = server.handle(get("u-token", "whoami", ""));
    assertError(limited, 429, "TOO_MANY_REQUESTS", -32029, "whoami");
    assertThat(limited.headers()).containsEntry("retry-after", "5");

    advance(Duration.ofSeconds(4));
    assertThat(server.handle(get("u-token", "whoami", "")).headers()).containsEntry("retry-after", "1");
    advance(Duration.ofSeconds(1));
    assertThat(server.handle(get("u-token", "whoami", "")).status()).isEqualTo(200);
  }

  @Test
  void keepsABucketPerPrincipalAndProcedure() {
    var server = server(RateLimit.of(1, Duration.ofMinutes(1)));
    assertThat(server.handle(get("u-token", "whoami", "")).status()).isEqualTo(200);
    assertThat(server.handle(get("u-token", "whoami", "")).status()).isEqualTo(429);
    assertThat(server.handle(get("a-token", "whoami", "")).status()).isEqualTo(200);
    assertThat(server.handle(post("u-token", "say", "", "{\"text\":\"x\"}")).status()).isEqualTo(200);
  }

  @Test
  void limitsAnonymousCallersByTheirAddress() {
    var server = server(RateLimit.of(1, Duration.ofMinutes(1)));
    var fromA = new ParleyRequest("GET", "whoami", "", Map.of(), new byte[0],
        new InetSocketAddress("10.0.0.1", 4000));
    var fromB = new ParleyRequest("GET", "whoami", "", Map.of(), new byte[0],
        new InetSocketAddress("10.0.0.2", 4000));
    assertThat(server.handle(fromA).status()).isEqualTo(200);
    assertThat(server.handle(fromA).status()).isEqualTo(429);
    assertThat(server.handle(fromB).status()).isEqualTo(200);
  }

  @Test
  void appliesAProcedureBasesOwnLimitAndPutsTheLongestRetryOnABatch() {
    ParleyServer<String> server = ParleyServer.builder(Roles.CONTRACT)
        .authenticate(Roles.BY_TOKEN)
        .context((request, id) -> "ctx")
        .use(RateLimit.<String>of(100, Duration.ofSeconds(1)).ticking(now::get))
        .build();
    Procedures<String> moderated =
        server.procedures().use(RateLimit.<String>of(1, Duration.ofSeconds(30)).ticking(now::get));
    moderated.implement(Roles.SAY, (ctx, in) -> "said");
    server.implement(Roles.WHOAMI, (ctx, in) -> "me");
    server.implement(Roles.INBOX, (ctx, in) -> "inbox");
    server.implement(Roles.ANNOUNCE, (ctx, in) -> "announced");
    server.implement(Roles.BAN, (ctx, in) -> "banned");
    assertThat(server.handle(post("u-token", "say", "", "{\"text\":\"x\"}")).status()).isEqualTo(200);
    var batch = server.handle(post("u-token", "say,say", "batch=1",
        "{\"0\":{\"text\":\"a\"},\"1\":{\"text\":\"b\"}}"));
    assertThat(batch.status()).isEqualTo(429);
    assertThat(batch.headers()).containsEntry("retry-after", "30");
    assertThat(server.handle(get("u-token", "whoami", "")).status()).isEqualTo(200);
  }

  @Test
  void limitsInProcessCallsToo() {
    var server = server(RateLimit.of(1, Duration.ofMinutes(1)));
    var client = server.invoker(Roles.TOKENS.get("u-token"));
    client.invoke(Roles.WHOAMI, null, Duration.ZERO);
    assertThatThrownBy(() -> client.invoke(Roles.WHOAMI, null, Duration.ZERO))
        .isInstanceOfSatisfying(ParleyException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.TOO_MANY_REQUESTS);
          assertThat(e.retryAfter()).contains(Duration.ofMinutes(1));
        });
  }

  @Test
  void dropsTheBucketsOfIdleCallersPastItsMaximumAndKeepsTheOthers() throws Exception {
    int[] caller = {0};
    RateLimit<String> limit =
        RateLimit.<String>of(1, Duration.ofMinutes(1), call -> "c" + caller[0]).ticking(now::get);
    Call call = new Call(Roles.WHOAMI, null, Identity.anonymous(), Transport.IN_PROCESS, null);
    Middleware.Next<String> next = ctx -> null;
    for (caller[0] = 0; caller[0] < RateLimit.MAX_BUCKETS; caller[0]++) {
      limit.intercept("ctx", call, next); // each caller's one token is taken
    }
    assertThat(limit.buckets()).isEqualTo(RateLimit.MAX_BUCKETS);
    advance(Duration.ofMinutes(1)); // caller 0 has refilled, all have
    caller[0] = RateLimit.MAX_BUCKETS;
    limit.intercept("ctx", call, next);
    assertThat(limit.buckets()).isOne();
  }

  @Test
  void saysRetryAfterZeroForATokenDueWithinTheSecond() {
    var server = server(RateLimit.of(1000, Duration.ofSeconds(1)));
    for (int i = 0; i < 1000; i++) {
      server.invoker(Roles.TOKENS.get("u-token")).invoke(Roles.WHOAMI, null, Duration.ZERO);
    }
    var limited = server.handle(get("u-token", "whoami", ""));
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.headers()).containsEntry("retry-after", "1");
    var zero = ParleyServer.builder(Roles.CONTRACT).build();
    zero.implement(Roles.WHOAMI, (ctx, in) -> {
      throw ParleyException.tooManyRequests("now", Duration.ZERO);
    });
    zero.implement(Roles.SAY, (ctx, in) -> "said");
    zero.implement(Roles.INBOX, (ctx, in) -> "inbox");
    zero.implement(Roles.ANNOUNCE, (ctx, in) -> "announced");
    zero.implement(Roles.BAN, (ctx, in) -> "banned");
    assertThat(zero.handle(get(null, "whoami", "")).headers()).containsEntry("retry-after", "0");
  }

  @Test
  void refusesLimitsThatCannotBeMet() {
    assertThatThrownBy(() -> RateLimit.of(0, Duration.ofSeconds(1)))
        .hasMessageContaining("permits: 0 (expected: > 0)");
    assertThatThrownBy(() -> RateLimit.of(1, Duration.ZERO))
        .hasMessageContaining("period: PT0S (expected: > 0)");
    assertThat(List.of(RateLimit.<String>of(3, Duration.ofSeconds(1)).toString()))
        .containsExactly("RateLimit[3 per PT1S]");
  }
}
