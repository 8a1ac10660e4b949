package dev.parley.testing;

import static dev.parley.testing.SubscribeTest.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.ErrorCode;
import dev.parley.Role;
import dev.parley.Shared;
import dev.parley.client.ClientOptions;
import dev.parley.client.ParleyClient;
import dev.parley.client.ParleyClientException;
import dev.parley.client.TopicSubscription;
import dev.parley.server.ParleyServer;
import dev.parley.server.ServerOptions;
import dev.parley.testing.Board.Note;
import dev.parley.testing.Board.RoomId;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Topics through the real server and transport with Java WebSocket clients: published by params,
 * refused or narrowed by the subscribe hook, resumed by last event id after a lost connection,
 * bounded per connection, and a slow subscriber cut off while the others go on.
 */
class TopicTest {
  private static final ClientOptions FAST = SubscribeTest.FAST_RECONNECT; // pings find a lost connection
  private static final RoomId GENERAL = new RoomId("general");

  private TestServer test = ParleyTest.http(Board.server(ServerOptions.defaults()));
  private final BlockingQueue<Object> errors = new LinkedBlockingQueue<>();

  @AfterEach
  void close() {
    test.close();
  }

  @SuppressWarnings("unchecked")
  private ParleyServer<Object> server() {
    return (ParleyServer<Object>) test.server();
  }

  private ParleyClient<Shared> client() {
    return test.websocket(Role.SHARED, FAST);
  }

  private static Note next(BlockingQueue<Note> heard) throws InterruptedException {
    Note n = heard.poll(10, TimeUnit.SECONDS);
    assertThat(n).as("a message within 10 s").isNotNull();
    return n;
  }

  @Test
  void aPublicationReachesEverySubscriberOfItsParamsAndNoOther() throws Exception {
    BlockingQueue<Note> a = new LinkedBlockingQueue<>();
    BlockingQueue<Note> b = new LinkedBlockingQueue<>();
    BlockingQueue<Note> other = new LinkedBlockingQueue<>();
    client().subscribe(Board.CHATTER, GENERAL, a::add, errors::add);
    client().subscribe(Board.CHATTER, GENERAL, b::add, errors::add);
    client().subscribe(Board.CHATTER, new RoomId("other"), other::add, errors::add);

    assertThat(server().publish(Board.CHATTER, GENERAL, new Note("hi"))).isEqualTo(2);
    assertThat(server().publish(Board.CHATTER, new RoomId("other"), new Note("there")))
        .isEqualTo(1);

    assertThat(next(a)).isEqualTo(new Note("hi"));
    assertThat(next(b)).isEqualTo(new Note("hi"));
    assertThat(next(other)).isEqualTo(new Note("there"));
    assertThat(a.poll(200, TimeUnit.MILLISECONDS)).isNull();
    assertThat(b).isEmpty();
  }

  @Test
  void aSubscribeRefusedByTheHookThrowsItsCode() {
    assertThatThrownBy(() -> client().subscribe(Board.NEWS, new RoomId("secret"), n -> {},
        errors::add))
        .isInstanceOfSatisfying(ParleyClientException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN);
          assertThat(e.getMessage()).contains("No news of secret rooms");
        });
  }

  @Test
  void theHookNarrowsTheParamsASubscriptionGets() throws Exception {
    BlockingQueue<Note> heard = new LinkedBlockingQueue<>();
    client().subscribe(Board.NEWS, new RoomId("lobby-42"), heard::add, errors::add);
    assertThat(server().publish(Board.NEWS, new RoomId("lobby-42"), new Note("not this")))
        .isZero();
    assertThat(server().publish(Board.NEWS, new RoomId("lobby"), new Note("this"))).isEqualTo(1);
    assertThat(next(heard)).isEqualTo(new Note("this"));
  }

  @Test
  void paramsThatDoNotFitAreBadRequestAndTheConnectionStays() {
    ParleyClient<Shared> client = client();
    assertThatThrownBy(() -> client.subscribe(Board.CHATTER, new RoomId(""), n -> {},
        errors::add))
        .isInstanceOfSatisfying(ParleyClientException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
          assertThat(e.issues()).isNotEmpty();
        });
    assertThat(client.query(Board.PING)).isEqualTo("pong");
  }

  @Test
  void aTopicOfAnotherRoleIsNotFound() {
    ParleyClient<Board.Admin> pretender = test.websocket(Board.ADMIN, FAST);
    assertThatThrownBy(() -> pretender.subscribe(Board.AUDIT, GENERAL, n -> {}, errors::add))
        .isInstanceOfSatisfying(ParleyClientException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
  }

  @Test
  void aMessageThatDoesNotFitItsSchemaNeverLeaves() {
    assertThatThrownBy(() -> server().publish(Board.CHATTER, GENERAL, new Note(" ")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("chatter");
  }

  @Test
  void subscriptionsPastTheLimitAreRefusedTooManyRequests() {
    test.close();
    test = ParleyTest.http(Board.server(ServerOptions.builder().socketMaxTopics(2).build()));
    ParleyClient<Shared> client = client();
    client.subscribe(Board.CHATTER, new RoomId("a"), n -> {}, errors::add);
    TopicSubscription b = client.subscribe(Board.CHATTER, new RoomId("b"), n -> {}, errors::add);
    assertThatThrownBy(() -> client.subscribe(Board.CHATTER, new RoomId("c"), n -> {},
        errors::add))
        .isInstanceOfSatisfying(ParleyClientException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.TOO_MANY_REQUESTS));
    b.close();
    eventually(() -> {
      try {
        client.subscribe(Board.CHATTER, new RoomId("c"), n -> {}, errors::add).close();
        return true;
      } catch (ParleyClientException e) {
        return false;
      }
    });
  }

  @Test
  void resumesAfterALostConnectionFromItsLastEventIdWithNothingLostOrDoubled() throws Exception {
    try (Relay relay = new Relay(test.uri().getPort());
        ParleyClient<Shared> client = ParleyClient.websocket(relay.uri(test.socketUri()),
            Board.CONTRACT, FAST)) {
      BlockingQueue<Note> heard = new LinkedBlockingQueue<>();
      TopicSubscription news = client.subscribe(Board.NEWS, GENERAL, heard::add, errors::add);
      for (int i = 1; i <= 3; i++) {
        server().publish(Board.NEWS, GENERAL, new Note("n" + i));
      }
      for (int i = 1; i <= 3; i++) {
        assertThat(next(heard)).isEqualTo(new Note("n" + i));
      }
      assertThat(news.lastEventId()).hasValue("3");

      relay.stallAll(); // n4 and n5 are swallowed on their way: only the replay window has them
      assertThat(server().publish(Board.NEWS, GENERAL, new Note("n4"))).isEqualTo(1);
      assertThat(server().publish(Board.NEWS, GENERAL, new Note("n5"))).isEqualTo(1);
      relay.dropAll();

      List<Note> rest = IntStream.range(0, 2).mapToObj(i -> {
        try {
          return next(heard);
        } catch (InterruptedException e) {
          throw new AssertionError(e);
        }
      }).toList();
      assertThat(rest).containsExactly(new Note("n4"), new Note("n5"));
      assertThat(heard.poll(200, TimeUnit.MILLISECONDS)).isNull();
      assertThat(news.lastEventId()).hasValue("5");
      assertThat(relay.accepted()).isGreaterThan(1);
    }
  }

  @Test
  void paramsNobodyListensToLoseTheirKeptMessagesPastTheLimitAndTheirIdsNeverGoBack()
      throws Exception {
    BlockingQueue<Note> general = new LinkedBlockingQueue<>();
    TopicSubscription listened = client().subscribe(Board.NEWS, GENERAL, general::add,
        errors::add);
    server().publish(Board.NEWS, GENERAL, new Note("g1"));
    assertThat(next(general)).isEqualTo(new Note("g1"));
    for (int i = 1; i <= 5; i++) { // news keeps 10 messages of at most 3 rooms
      server().publish(Board.NEWS, new RoomId("r" + i), new Note("x"));
      assertThat(server().socketStats().topicParamsKept()).isEqualTo(Math.min(i + 1, 3));
    }

    // general was published to least recently, but it has a subscriber: it kept its messages
    server().publish(Board.NEWS, GENERAL, new Note("g2"));
    assertThat(next(general)).isEqualTo(new Note("g2"));
    assertThat(listened.lastEventId()).hasValue("2");

    // r1 lost its one message (id 1): its next one is not numbered 1 again
    BlockingQueue<Note> r1 = new LinkedBlockingQueue<>();
    TopicSubscription again = client().subscribe(Board.NEWS, new RoomId("r1"), r1::add,
        errors::add);
    server().publish(Board.NEWS, new RoomId("r1"), new Note("y"));
    assertThat(next(r1)).isEqualTo(new Note("y"));
    assertThat(again.lastEventId()).hasValue("2");
    assertThat(server().socketStats().topicParamsKept()).isEqualTo(3);
    assertThat(errors).isEmpty();
  }

  @Test
  void aSlowSubscriberIsCutOffWhileTheOthersGetEverything() throws Exception {
    test.close();
    test = ParleyTest.http(Board.server(ServerOptions.builder().socketQueueBytes(16 * 1024)
        .build()));
    try (Relay relay = new Relay(test.uri().getPort());
        ParleyClient<Shared> slow = ParleyClient.websocket(relay.uri(test.socketUri()),
            Board.CONTRACT, FAST)) {
      slow.subscribe(Board.CHATTER, GENERAL, n -> {}, errors::add);
      BlockingQueue<Note> fast = new LinkedBlockingQueue<>();
      client().subscribe(Board.CHATTER, GENERAL, fast::add, errors::add);
      relay.stallAll();
      String text = "x".repeat(1000);
      int sent = 0;
      int last = 2;
      while (last == 2 && sent < 100_000) {
        for (int i = 0; i < 8 && last == 2; i++) { // 8 KB a round: well within the queue
          last = server().publish(Board.CHATTER, GENERAL, new Note(text + sent++));
        }
        for (int got = 0; got < 8 && last == 2; got++) {
          next(fast); // the fast reader keeps up
        }
      }
      assertThat(last).as("the stalled subscriber was cut off").isEqualTo(1);
      assertThat(server().publish(Board.CHATTER, GENERAL, new Note("after"))).isEqualTo(1);
    }
  }
}
