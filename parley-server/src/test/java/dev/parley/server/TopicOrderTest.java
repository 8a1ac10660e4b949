package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Contract;
import dev.parley.Parley;
import dev.parley.Shared;
import dev.parley.Topic;
import jakarta.validation.constraints.NotBlank;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A topic that keeps messages numbers them, and its subscribers resume by those numbers: so each
 * subscriber must get them in order however many threads publish at once (a subscriber that got 6
 * before 5 and then lost its connection would resume after 6 and never get 5).
 */
class TopicOrderTest {
  record Room(@NotBlank String room) {}

  record Note(@NotBlank String text) {}

  static final Topic<Shared, Room, Note> NEWS =
      Parley.topic("news").params(Room.class).message(Note.class);

  private static final Pattern EVENT_ID = Pattern.compile("\"eventId\":\"(\\d+)\"");
  private static final int PUBLISHERS = 4;
  private static final int EACH = 500;
  private static final int SUBSCRIBERS = 20;

  @Test
  void everySubscriberGetsTheEventIdsInOrderWhileSeveralThreadsPublish() throws Exception {
    var server = ParleyServer.builder(Contract.of(NEWS)).build();
    server.topic(NEWS).replay(1000, 10);
    List<RecordingSocket> sockets = new ArrayList<>();
    for (int i = 0; i < SUBSCRIBERS; i++) {
      RecordingSocket s = RecordingSocket.open(server, "");
      s.session().onText(RealtimeWireTest.HELLO);
      assertThat(s.next()).startsWith("{\"method\":\"parley.hello\"");
      s.session().onText("{\"id\":\"t\",\"method\":\"parley.subscribe\",\"params\":{\"topic\":"
          + "\"news\",\"params\":{\"room\":\"general\"}}}");
      assertThat(s.next()).contains("parley.subscribed");
      sockets.add(s);
    }

    CountDownLatch go = new CountDownLatch(1);
    List<Thread> publishers = new ArrayList<>();
    for (int p = 0; p < PUBLISHERS; p++) {
      publishers.add(Thread.ofPlatform().start(() -> {
        try {
          go.await();
        } catch (InterruptedException e) {
          return;
        }
        for (int i = 0; i < EACH; i++) {
          server.publish(NEWS, new Room("general"), new Note("n"));
        }
      }));
    }
    go.countDown();
    for (Thread t : publishers) {
      t.join();
    }

    for (RecordingSocket s : sockets) {
      for (long expected = 1; expected <= PUBLISHERS * EACH; expected++) {
        Matcher m = EVENT_ID.matcher(s.next());
        assertThat(m.find()).isTrue();
        assertThat(Long.parseLong(m.group(1))).as("the event ids a subscriber gets, in order")
            .isEqualTo(expected);
      }
    }
  }
}
