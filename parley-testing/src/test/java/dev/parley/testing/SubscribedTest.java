package dev.parley.testing;

import static dev.parley.testing.Feeds.FAILS;
import static dev.parley.testing.Feeds.FOREVER;
import static dev.parley.testing.Feeds.TICKS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.ErrorCode;
import dev.parley.Shared;
import dev.parley.client.ParleyClient;
import dev.parley.testing.Feeds.Count;
import dev.parley.testing.Feeds.Tick;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link ParleyTest#subscribe}: a subscription in one line, and waits that say what they saw. */
class SubscribedTest {
  private final Feeds feeds = new Feeds();

  @Test
  void subscribesInProcessInOneLine() {
    ParleyClient<Shared> client = ParleyTest.inProcess(feeds.server());

    Subscribed<Tick> ticks = ParleyTest.subscribe(client, TICKS, new Count(2)).awaitCompletion();

    assertThat(ticks.values()).containsExactly(new Tick(0), new Tick(1));
    assertThat(ticks.ids()).containsExactly("0", "1");
  }

  @Test
  void subscribesToATestServerInOneLine() {
    try (TestServer test = ParleyTest.http(feeds.server())) {
      assertThat(ParleyTest.subscribe(test.client(), TICKS, new Count(3)).awaitValues(3))
          .extracting(Tick::n).containsExactly(0L, 1L, 2L);
      assertThat(ParleyTest.subscribe(test.websocket(), TICKS, new Count(1)).awaitCompletion()
          .values()).containsExactly(new Tick(0));
    }
  }

  @Test
  void aWaitThatRunsOutSaysWhatWasHeard() {
    ParleyClient<Shared> client = ParleyTest.inProcess(feeds.server());

    try (Subscribed<Tick> ticks = ParleyTest.subscribe(client, TICKS, new Count(2))) {
      assertThatThrownBy(() -> ticks.awaitValues(3, Duration.ofMillis(200)))
          .isInstanceOf(AssertionError.class)
          .hasMessageContaining("\"ticks\": no 3 values within PT0.2S")
          .hasMessageContaining("2 values [Tick[n=0], Tick[n=1]], completed");
    }
  }

  @Test
  void awaitCompletionFailsWithTheErrorAndAwaitErrorReturnsIt() {
    ParleyClient<Shared> client = ParleyTest.inProcess(feeds.server());
    Subscribed<Tick> fails = ParleyTest.subscribe(client, FAILS);

    assertThatThrownBy(fails::awaitCompletion).isInstanceOf(AssertionError.class)
        .hasMessageContaining("failed instead of completing").hasCauseInstanceOf(
            dev.parley.ParleyException.class);
    assertThat(fails.awaitError().code()).isEqualTo(ErrorCode.CONFLICT);
    assertThat(ParleyTest.subscribe(client, TICKS, new Count(1)).awaitCompletion().error())
        .isEmpty();
  }

  @Test
  void closingStopsTheSubscription() {
    ParleyClient<Shared> client = ParleyTest.inProcess(feeds.server());
    Subscribed<Tick> forever = ParleyTest.subscribe(client, FOREVER);
    forever.awaitValues(1);

    forever.close();

    SubscribeTest.eventually(() -> feeds.live.get() == 0);
    assertThat(forever.subscription().isDone()).isTrue();
  }
}
