package dev.parley.testing;

import static dev.parley.testing.Feeds.FEED;
import static dev.parley.testing.Feeds.FROM_THE_START;
import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Shared;
import dev.parley.client.ClientOptions;
import dev.parley.client.ParleyClient;
import dev.parley.jetty.JettyTransport;
import dev.parley.testing.Feeds.Tick;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A subscription outlives its connection: the client reconnects by itself and resumes after the
 * last event id it received, with nothing lost or doubled, whether the connection broke, fell
 * silent, or its server restarted.
 */
class ResumeTest {
  /** How a test's client reaches the server. */
  enum Via {
    SSE, WEBSOCKET
  }

  private final Feeds feeds = new Feeds();
  private final List<AutoCloseable> closing = new CopyOnWriteArrayList<>();

  @AfterEach
  void close() throws Exception {
    for (AutoCloseable c : closing.reversed()) {
      c.close();
    }
  }

  private <T extends AutoCloseable> T closing(T c) {
    closing.add(c);
    return c;
  }

  private JettyTransport serve(int port, Duration keepAlive) {
    return closing(JettyTransport.builder(feeds.server(keepAlive)).host("127.0.0.1").port(port)
        .shutdownGrace(Duration.ofSeconds(1)).start());
  }

  /** A client of {@code uri}, an http URI, over {@code via}. */
  private ParleyClient<Shared> client(Via via, URI uri) {
    ClientOptions options = ClientOptions.builder()
        .reconnectDelay(Duration.ofMillis(20)).maxReconnectDelay(Duration.ofMillis(200))
        .pingInterval(Duration.ofMillis(100)).pongTimeout(Duration.ofMillis(100)).build();
    return closing(via == Via.WEBSOCKET
        ? ParleyClient.websocket(URI.create("ws" + uri.toString().substring(4)), Feeds.CONTRACT,
            options)
        : ParleyClient.http(uri, Feeds.CONTRACT, options));
  }

  private static List<Long> range(long from, long to) {
    return LongStream.rangeClosed(from, to).boxed().toList();
  }

  @ParameterizedTest
  @EnumSource(Via.class)
  void resumesWhenTheStreamFallsSilentForLongerThanTheServerSaid(Via via) throws Exception {
    JettyTransport transport = serve(0, Duration.ofMillis(50));
    Relay relay = closing(new Relay(transport.port()));
    Subscribed<Tick> feed = ParleyTest.subscribe(client(via, relay.uri(transport.uri())), FEED,
        FROM_THE_START);
    feeds.publish(1, 3);
    feed.awaitValues(3);

    relay.stallAll();
    feeds.publish(4, 6);

    assertThat(feed.awaitValues(6)).extracting(Tick::n).containsExactlyElementsOf(range(1, 6));
    assertThat(relay.accepted()).isGreaterThan(1);
    assertThat(feed.error()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(Via.class)
  void resumesFromTheLastIdWhenItsServerRestartsOnTheSamePort(Via via) {
    JettyTransport first = serve(0, Duration.ofSeconds(10));
    int port = first.port();
    Subscribed<Tick> feed = ParleyTest.subscribe(client(via, first.uri()), FEED, FROM_THE_START);
    feeds.publish(1, 3);
    feed.awaitValues(3);

    first.close();
    feeds.publish(4, 6);
    serve(port, Duration.ofSeconds(10));
    feeds.publish(7, 8);

    assertThat(feed.awaitValues(8)).extracting(Tick::n).containsExactlyElementsOf(range(1, 8));
    feeds.publish(9, 9);
    assertThat(feed.awaitValues(9)).extracting(Tick::n).containsExactlyElementsOf(range(1, 9));
    assertThat(feed.error()).isEmpty();
    assertThat(feed.subscription().lastEventId()).hasValue("9");
  }
}
