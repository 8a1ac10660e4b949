package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Contract;
import dev.parley.Parley;
import dev.parley.Schema;
import dev.parley.Shared;
import dev.parley.Subscription;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A value sent by many subscriptions is validated and encoded once for all of them, yet each
 * subscriber gets its own request id, and a handler that changes an object and sends it again is
 * never answered from what was kept for the object before.
 */
class SharedValuesTest {
  record Word(@jakarta.validation.constraints.Size(max = 5) String text) {}

  static final Subscription<Shared, Void, Word> WORDS =
      Parley.subscription("words").output(Word.class);
  static final Subscription<Shared, Void, List<String>> GROWING =
      Parley.subscription("growing").output(Schema.listOf(String.class));
  static final Subscription<Shared, Void, List<Word>> SENTENCE =
      Parley.subscription("sentence").output(Schema.listOf(Word.class));
  static final Contract CONTRACT = Contract.of(WORDS, GROWING, SENTENCE);

  @Test
  void subscribersOfOneObjectEachGetItUnderTheirOwnRequestId() throws Exception {
    var server = ParleyServer.builder(CONTRACT).build();
    Word shared = new Word("hi");
    CountDownLatch started = new CountDownLatch(2);
    CountDownLatch go = new CountDownLatch(1);
    server.implement(WORDS, (ctx, in, sink) -> {
      started.countDown();
      go.await();
      sink.next("1", shared);
    });
    server.implement(GROWING, (ctx, in, sink) -> {});
    server.implement(SENTENCE, (ctx, in, sink) -> {});
    RecordingSocket a = RecordingSocket.open(server, "");
    RecordingSocket b = RecordingSocket.open(server, "");
    a.session().onText("{\"id\":7,\"method\":\"subscription\",\"params\":{\"path\":\"words\"}}");
    b.session().onText("{\"id\":\"x\",\"method\":\"subscription\",\"params\":{\"path\":\"words\"}}");
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
    go.countDown();

    assertThat(a.next()).isEqualTo("{\"id\":7,\"result\":{\"type\":\"started\"}}");
    assertThat(a.next()).isEqualTo(
        "{\"id\":7,\"result\":{\"type\":\"data\",\"id\":\"1\",\"data\":{\"id\":\"1\",\"data\":{\"text\":\"hi\"}}}}");
    assertThat(b.next()).isEqualTo("{\"id\":\"x\",\"result\":{\"type\":\"started\"}}");
    assertThat(b.next()).isEqualTo(
        "{\"id\":\"x\",\"result\":{\"type\":\"data\",\"id\":\"1\",\"data\":{\"id\":\"1\",\"data\":{\"text\":\"hi\"}}}}");
  }

  @Test
  void anObjectChangedAndSentAgainIsEncodedAgain() throws Exception {
    var server = ParleyServer.builder(CONTRACT).build();
    server.implement(WORDS, (ctx, in, sink) -> {});
    server.implement(SENTENCE, (ctx, in, sink) -> {});
    server.implement(GROWING, (ctx, in, sink) -> {
      List<String> list = new ArrayList<>();
      for (String s : List.of("a", "b", "c")) {
        list.add(s);
        sink.next(list);
      }
    });
    RecordingSocket socket = RecordingSocket.open(server, "");
    socket.session().onText("{\"id\":1,\"method\":\"subscription\",\"params\":{\"path\":\"growing\"}}");

    assertThat(socket.next()).contains("started");
    assertThat(socket.next()).isEqualTo("{\"id\":1,\"result\":{\"type\":\"data\",\"data\":[\"a\"]}}");
    assertThat(socket.next()).isEqualTo("{\"id\":1,\"result\":{\"type\":\"data\",\"data\":[\"a\",\"b\"]}}");
    assertThat(socket.next())
        .isEqualTo("{\"id\":1,\"result\":{\"type\":\"data\",\"data\":[\"a\",\"b\",\"c\"]}}");
  }

  @Test
  void anObjectChangedToFailItsSchemaAndSentAgainIsCheckedAgain() throws Exception {
    var server = ParleyServer.builder(CONTRACT).build();
    server.implement(WORDS, (ctx, in, sink) -> {});
    server.implement(GROWING, (ctx, in, sink) -> {});
    server.implement(SENTENCE, (ctx, in, sink) -> {
      List<Word> words = new ArrayList<>(List.of(new Word("short")));
      sink.next(words);
      words.add(new Word("far too long"));
      sink.next(words);
    });
    RecordingSocket socket = RecordingSocket.open(server, "");
    socket.session().onText("{\"id\":1,\"method\":\"subscription\",\"params\":{\"path\":\"sentence\"}}");

    assertThat(socket.next()).contains("started");
    assertThat(socket.next()).contains("[{\"text\":\"short\"}]");
    assertThat(socket.next()).contains("\"error\"").contains("INTERNAL_SERVER_ERROR")
        .doesNotContain("far too long");
  }
}
