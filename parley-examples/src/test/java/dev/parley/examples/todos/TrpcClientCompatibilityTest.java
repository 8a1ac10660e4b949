package dev.parley.examples.todos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.examples.chat.DemoTokens;
import dev.parley.jetty.JettyTransport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real {@code @trpc/client} (v11, pinned in {@code src/test/node/package-lock.json}) calls the
 * demo through {@code httpBatchLink}, {@code httpBatchStreamLink} and {@code httpLink}: {@code src/test/node/trpc-client.test.mjs}
 * lists, adds and deletes todos, checks the typed errors, and calls the chat with each role's
 * bearer token (another role's verb is {@code NOT_FOUND}, a wrong token {@code UNAUTHORIZED}).
 * Then {@code src/test/node/subscriptions.mjs} subscribes to {@code ticker}, {@code chat.onMessage}
 * and {@code slow} through {@code httpSubscriptionLink} in a {@code splitLink} (with the {@code
 * eventsource} package, Node 20 having no {@code EventSource}) and through {@code wsLink} (with
 * {@code ws}): values and completion, resume by the input's {@code lastEventId} and after
 * connections dropped by a proxy, stop and a killed client ({@code slow.active} back to 0), typed
 * errors for bad inputs, and 200 subscriptions at once on one WebSocket. Needs Node.js 20+ and
 * npm; installs the packages with {@code npm ci} when {@code node_modules} does not match the lock
 * file.
 */
class TrpcClientCompatibilityTest {

  static final Path NODE_DIR = Path.of("src", "test", "node").toAbsolutePath();
  /** Where a successful {@code npm ci} records the lock file it installed, by hash. */
  static final Path INSTALLED_LOCK = NODE_DIR.resolve("node_modules/.parley-installed-lock.sha256");
  static final Duration INSTALL_LIMIT = Duration.ofMinutes(5);
  static final Duration RUN_LIMIT = Duration.ofMinutes(2);

  @BeforeAll
  static void installTrpcClient() throws Exception {
    Command.Result node = new Command(List.of("node", "--version"), NODE_DIR).run(Duration.ofSeconds(30));
    assertThat(node.exitCode()).as("node --version: %s (install Node.js 20 or newer)", node.output()).isZero();

    String lockHash = sha256(NODE_DIR.resolve("package-lock.json"));
    if (Files.exists(INSTALLED_LOCK) && Files.readString(INSTALLED_LOCK).strip().equals(lockHash)) {
      return;
    }
    Command.Result install = new Command(List.of("npm", "ci", "--no-audit", "--no-fund"), NODE_DIR)
        .run(INSTALL_LIMIT);
    assertThat(install.exitCode()).as("npm ci in %s failed:%n%s", NODE_DIR, install.output()).isZero();
    Files.writeString(INSTALLED_LOCK, lockHash + "\n");
  }

  @Test
  void trpcClientCallsSubscribesResumesStopsAndGetsTypedErrors() throws Exception {
    DemoTokens tokens = DemoTokens.random();
    try (JettyTransport demo = TodoDemo.start("127.0.0.1", 0, tokens)) {
      Command.Result run = new Command(List.of("node", "trpc-client.test.mjs",
          demo.uri().toString(), tokens.user(), tokens.agent()), NODE_DIR).run(RUN_LIMIT);
      System.out.println(run.output());
      assertThat(run.exitCode())
          .as("node trpc-client.test.mjs %s exited %d:%n%s", demo.uri(), run.exitCode(), run.output())
          .isZero();
      assertThat(run.output()).contains("ok   httpBatchLink", "ok   httpLink",
          "ok   httpBatchStreamLink callsIssuedTogetherAllSucceed",
          "ok   httpBatchStreamLink oneFailureInABatchLeavesTheOthersAlone",
          "ok   httpBatchStreamLink aWrongTokenIsUnauthorized",
          "ok   httpLink aDiscriminatedUnionRoundTrips",
          "ok   httpBatchLink anUnknownOrMissingVariantIsBadRequestAtType", " 0 failed",
          "ok   httpBatchLink anotherRolesVerbIsNotFound", "ok   httpLink aWrongTokenIsUnauthorized");
      for (String link : List.of("httpSubscriptionLink", "wsLink")) {
        assertThat(run.output()).contains(
            "ok   " + link + " tickerEmitsTrackedValuesThenCompletes",
            "ok   " + link + " tickerResumesAfterTheLastEventIdOfItsInput",
            "ok   " + link + " tickerResumesAfterADroppedConnectionWithNothingLostOrDoubled",
            "ok   " + link + " chatOnMessageGetsTheRoomsMessagesLiveAndByResumeAfterADrop",
            "ok   " + link + " stoppingEndsTheServersSubscriptionAndSlowActiveDropsBack",
            "ok   " + link + " aClientThatVanishesIsNoLongerCounted",
            "ok   " + link + " aBadInputIsATypedBadRequest");
      }
      assertThat(run.output()).contains("ok   wsLink twoHundredSubscriptionsAtOnceOnOneWebSocket",
          "ok   wsLink anUnknownSubscriptionIsATypedNotFound",
          "ok   wsLink queriesAndMutationsGoOverTheSameWebSocket");
    }
  }

  private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }
}
