package dev.parley.testing;

import static dev.parley.testing.SubscribeTest.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.Channel;
import dev.parley.ClientEvent;
import dev.parley.Contract;
import dev.parley.ErrorCode;
import dev.parley.Kind;
import dev.parley.Parley;
import dev.parley.ParleyException;
import dev.parley.Query;
import dev.parley.Role;
import dev.parley.Shared;
import dev.parley.State;
import dev.parley.Topic;
import dev.parley.client.ChannelConnection;
import dev.parley.client.ClientOptions;
import dev.parley.client.ParleyClient;
import dev.parley.client.ParleyClientException;
import dev.parley.server.CallRecord;
import dev.parley.server.Guard;
import dev.parley.server.ParleyServer;
import dev.parley.server.Transport;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The realtime handlers (a channel's connect, messages and disconnect, a topic's subscribe, a
 * client event) run through the one pipeline, as queries do, through the real server, Jetty and
 * the Java WebSocket client: the context factory's value, narrowed by the server-wide middleware,
 * reaches each handler; a server-wide guard refuses each kind; the call listeners hear each one
 * with its outcome; a shutdown waits for a running {@code onMessage}.
 */
class RealtimePipelineTest {
  record Room(@NotBlank String name) {}

  record Join(@NotBlank String name) {}

  record Member(String name) {}

  record Say(@NotBlank String text) {}

  record Said(String name, String text) {}

  record Note(@NotBlank String text) {}

  /** The factory's context: the user the upgrade request names. */
  record Ctx(String user) {}

  /** The narrowed context the handlers receive. */
  record SignedIn(String user) {}

  static final Channel<Shared, Room, Join, Member, Say, Said> CHAT = Parley.channel("chat")
      .params(Room.class).connect(Join.class, Member.class).clientMessage(Say.class)
      .serverMessage(Said.class);
  static final Topic<Shared, Room, Note> NEWS =
      Parley.topic("news").params(Room.class).message(Note.class);
  static final ClientEvent<Shared, Note> TYPING =
      Parley.clientEvent("typing").payload(Note.class);
  static final Query<Shared, Void, String> PING = Parley.query("ping").output(String.class);
  static final State<Shared, Note> MOOD = Parley.state("mood").value(Note.class).clientWritable();
  static final Contract CONTRACT = Contract.of(CHAT, NEWS, TYPING, PING, MOOD);

  /** Refuses the room "vault" and whatever says "shout"; sees the factory's context. */
  static final Guard<Ctx> GUARD = (ctx, call) -> !ctx.user().isEmpty()
      && !(call.params() instanceof Room r && r.name().equals("vault"))
      && !(call.input() instanceof Say s && s.text().equals("shout"))
      && !(call.input() instanceof Note n && n.text().equals("shout"));

  private final List<CallRecord> records = new CopyOnWriteArrayList<>();
  /** What each handler ran for, with the context it received. */
  private final List<String> ran = new CopyOnWriteArrayList<>();
  private final CountDownLatch slowEntered = new CountDownLatch(1);
  private final CountDownLatch slowRelease = new CountDownLatch(1);
  private final ParleyServer<SignedIn> server = server();
  private final TestServer test = ParleyTest.http(server);
  private final BlockingQueue<Object> errors = new LinkedBlockingQueue<>();

  private ParleyServer<SignedIn> server() {
    ParleyServer<SignedIn> s = ParleyServer.builder(CONTRACT)
        .context((request, identity) ->
            new Ctx(request.flatMap(r -> r.header("x-user")).orElse("")))
        .guard(GUARD)
        .narrow((Ctx ctx, dev.parley.server.Call call) -> new SignedIn(ctx.user()))
        .listener(records::add)
        .build();
    s.implement(PING, (ctx, in) -> "pong");
    s.channel(CHAT)
        .onConnect((ctx, room, join) -> {
          ran.add("connect " + ctx);
          if (join.name().equals("mallory")) {
            throw new ParleyException(ErrorCode.FORBIDDEN, "mallory is banned");
          }
          return new Member(join.name());
        })
        .onMessage((ctx, room, member, say) -> {
          ran.add("message " + say.text() + " " + ctx);
          if (say.text().equals("slow")) {
            slowEntered.countDown();
            slowRelease.await(10, TimeUnit.SECONDS);
          }
          s.send(CHAT, room, new Said(member.name(), say.text()));
        })
        .onDisconnect((ctx, room, member) -> ran.add("disconnect " + ctx));
    s.topic(NEWS).onSubscribe((ctx, room) -> {
      ran.add("subscribe " + ctx);
      return room;
    });
    s.on(TYPING, (ctx, from, note) -> ran.add("typing " + note.text() + " " + ctx));
    return s;
  }

  @AfterEach
  void close() {
    slowRelease.countDown();
    test.close();
  }

  private ParleyClient<Shared> client(String user) {
    return test.websocket(Role.SHARED, SubscribeTest.FAST_RECONNECT.toBuilder()
        .header("x-user", user).build());
  }

  private ChannelConnection<Say> join(ParleyClient<Shared> client, Room room, String name,
      BlockingQueue<Said> heard) {
    return client.connect(CHAT, room, new Join(name), heard::add, errors::add);
  }

  private List<CallRecord> recordsOf(String name) {
    return records.stream().filter(r -> r.name().equals(name)).toList();
  }

  private static Said next(BlockingQueue<Said> heard) throws InterruptedException {
    Said s = heard.poll(10, TimeUnit.SECONDS);
    assertThat(s).as("a message within 10 s").isNotNull();
    return s;
  }

  @Test
  void theFactorysContextNarrowedByTheServerWideMiddlewareReachesEveryRealtimeHandler()
      throws Exception {
    ParleyClient<Shared> ada = client("ada");
    BlockingQueue<Said> heard = new LinkedBlockingQueue<>();
    ChannelConnection<Say> room = join(ada, new Room("general"), "ada", heard);
    room.send(new Say("hi"));
    assertThat(next(heard)).isEqualTo(new Said("ada", "hi"));
    ada.subscribe(NEWS, new Room("general"), n -> {}, errors::add);
    ada.emit(TYPING, new Note("hm"));
    eventually(() -> ran.contains("typing hm SignedIn[user=ada]"));
    room.close();
    eventually(() -> ran.contains("disconnect SignedIn[user=ada]"));

    assertThat(ran).containsExactlyInAnyOrder("connect SignedIn[user=ada]",
        "message hi SignedIn[user=ada]", "subscribe SignedIn[user=ada]",
        "typing hm SignedIn[user=ada]", "disconnect SignedIn[user=ada]");
    assertThat(errors).isEmpty();
  }

  @Test
  void aSharedStatesObserveAndAClientsSetGoThroughTheServerWideMiddlewareAndTheListeners()
      throws Exception {
    ParleyClient<Shared> stranger = client(""); // the guard refuses a context without a user
    assertThatThrownBy(() -> stranger.observe(MOOD, n -> {}, errors::add))
        .isInstanceOfSatisfying(ParleyClientException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));

    ParleyClient<Shared> ada = client("ada");
    BlockingQueue<Note> seen = new LinkedBlockingQueue<>();
    ada.observe(MOOD, seen::add, errors::add);
    assertThatThrownBy(() -> ada.set(MOOD, new Note("shout")))
        .isInstanceOfSatisfying(ParleyClientException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
    assertThat(server.state(MOOD).get()).isEmpty();
    assertThat(ada.set(MOOD, new Note("calm"))).isEqualTo(1);
    assertThat(seen.poll(10, TimeUnit.SECONDS)).isEqualTo(new Note("calm"));

    eventually(() -> recordsOf("mood").size() == 4);
    assertThat(recordsOf("mood")).allSatisfy(r -> {
      assertThat(r.descriptor()).contains(MOOD);
      assertThat(r.transport()).isEqualTo(Transport.WEBSOCKET);
    });
    assertThat(recordsOf("mood")).extracting(r -> r.error().map(e -> e.code()).orElse(null))
        .containsExactlyInAnyOrder(ErrorCode.FORBIDDEN, null, ErrorCode.FORBIDDEN, null);
    assertThat(errors).isEmpty();
  }

  @Test
  void aServerWideGuardRefusesAChannelConnectWithItsCodeAndOnConnectNeverRuns() {
    ParleyClient<Shared> ada = client("ada");
    assertThatThrownBy(() -> join(ada, new Room("vault"), "ada", new LinkedBlockingQueue<>()))
        .isInstanceOfSatisfying(ParleyClientException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
    assertThat(ran).isEmpty();
    assertThat(ada.query(PING)).isEqualTo("pong");
  }

  @Test
  void aServerWideGuardRefusesATopicSubscribeAndTheHookNeverRuns() {
    ParleyClient<Shared> ada = client("ada");
    assertThatThrownBy(() -> ada.subscribe(NEWS, new Room("vault"), n -> {}, errors::add))
        .isInstanceOfSatisfying(ParleyClientException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
    assertThat(ran).isEmpty();
  }

  @Test
  void aServerWideGuardRefusesAChannelMessageAndTheChannelStaysConnected() throws Exception {
    BlockingQueue<Said> heard = new LinkedBlockingQueue<>();
    ChannelConnection<Say> room = join(client("ada"), new Room("general"), "ada", heard);
    room.send(new Say("shout"));
    Object error = errors.poll(10, TimeUnit.SECONDS);
    assertThat(error).isInstanceOfSatisfying(ParleyClientException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));

    room.send(new Say("calm"));
    assertThat(next(heard)).isEqualTo(new Said("ada", "calm"));
    assertThat(room.isOpen()).isTrue();
    assertThat(ran).containsExactly("connect SignedIn[user=ada]",
        "message calm SignedIn[user=ada]");
  }

  @Test
  void aClientEventAServerWideGuardRefusesIsDroppedAndCountedAndItsHandlerNeverRuns() {
    ParleyClient<Shared> ada = client("ada");
    eventually(() -> ada.emit(TYPING, new Note("shout")));
    eventually(() -> server.clientEventsDropped() == 1);
    ada.emit(TYPING, new Note("hm"));
    eventually(() -> ran.size() == 1);
    assertThat(ran).containsExactly("typing hm SignedIn[user=ada]");
    assertThat(server.clientEventsDropped()).isEqualTo(1);
  }

  @Test
  void callListenersHearEveryRealtimeCallWithItsOutcomeRefusedOnesIncluded() throws Exception {
    ParleyClient<Shared> ada = client("ada");
    BlockingQueue<Said> heard = new LinkedBlockingQueue<>();
    ChannelConnection<Say> room = join(ada, new Room("general"), "ada", heard);
    room.send(new Say("hi"));
    room.send(new Say("shout"));
    assertThatThrownBy(() -> join(ada, new Room(" "), "ada", new LinkedBlockingQueue<>()))
        .isInstanceOf(ParleyClientException.class);
    assertThatThrownBy(() -> join(ada, new Room("general"), "mallory", new LinkedBlockingQueue<>()))
        .isInstanceOf(ParleyClientException.class);
    ada.subscribe(NEWS, new Room("general"), n -> {}, errors::add);
    assertThatThrownBy(() -> ada.subscribe(NEWS, new Room("vault"), n -> {}, errors::add))
        .isInstanceOf(ParleyClientException.class);
    ada.emit(TYPING, new Note("hm"));
    ada.emit(TYPING, new Note("shout"));
    eventually(() -> recordsOf("typing").size() == 2 && recordsOf("chat").size() == 5);

    assertThat(records).allSatisfy(r -> assertThat(r.transport()).isEqualTo(Transport.WEBSOCKET));
    assertThat(recordsOf("chat")).allSatisfy(r -> {
      assertThat(r.descriptor()).contains(CHAT);
      assertThat(r.descriptor().orElseThrow().kind()).isEqualTo(Kind.CHANNEL);
    });
    assertThat(outcomes("chat")).containsExactlyInAnyOrder("OK", "OK", "FORBIDDEN",
        "BAD_REQUEST", "FORBIDDEN");
    assertThat(outcomes("news")).containsExactlyInAnyOrder("OK", "FORBIDDEN");
    assertThat(recordsOf("news")).allSatisfy(r -> assertThat(r.descriptor()).contains(NEWS));
    assertThat(outcomes("typing")).containsExactlyInAnyOrder("OK", "FORBIDDEN");
    assertThat(recordsOf("typing")).allSatisfy(r -> assertThat(r.descriptor()).contains(TYPING));
  }

  @Test
  void anUnknownChannelIsHeardAsNotFoundWithoutADescriptor() {
    ParleyClient<Shared> ada = client("ada");
    Channel<Shared, Room, Join, Member, Say, Said> unknown = Parley.channel("elsewhere")
        .params(Room.class).connect(Join.class, Member.class).clientMessage(Say.class)
        .serverMessage(Said.class);
    try (ParleyClient<Shared> other = ParleyClient.websocket(test.socketUri(),
        Contract.of(unknown, PING), SubscribeTest.FAST_RECONNECT)) {
      assertThatThrownBy(() -> other.connect(unknown, new Room("general"), new Join("ada"),
          m -> {}, errors::add))
          .isInstanceOfSatisfying(ParleyClientException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }
    eventually(() -> recordsOf("elsewhere").size() == 1);
    assertThat(recordsOf("elsewhere").get(0).descriptor()).isEmpty();
    assertThat(ada.query(PING)).isEqualTo("pong");
  }

  @Test
  void shutdownWaitsForARunningOnMessageAndRefusesTheMessagesAfterIt() throws Exception {
    ParleyClient<Shared> ada = client("ada");
    ChannelConnection<Say> room = join(ada, new Room("general"), "ada",
        new LinkedBlockingQueue<>());
    room.send(new Say("slow"));
    assertThat(slowEntered.await(10, TimeUnit.SECONDS)).isTrue();
    room.send(new Say("late"));
    assertThat(ada.query(PING)).isEqualTo("pong"); // "late" was read before it: it waits its turn

    CompletableFuture<Boolean> shutdown =
        CompletableFuture.supplyAsync(() -> server.shutdown(Duration.ofSeconds(10)));
    Thread.sleep(300);
    assertThat(shutdown).as("shutdown waits for onMessage").isNotDone();

    slowRelease.countDown();
    assertThat(shutdown.get(10, TimeUnit.SECONDS)).isTrue();
    eventually(() -> recordsOf("chat").size() == 3);
    assertThat(outcomes("chat")).containsExactly("OK", "OK", "SERVICE_UNAVAILABLE");
    assertThat(ran).doesNotContain("message late SignedIn[user=ada]");
  }

  @Test
  void aMiddlewareThatReturnsAnotherCallsResultFailsTheConnectAsAnInternalError() {
    var kept = new java.util.concurrent.atomic.AtomicReference<dev.parley.server.Result>();
    ParleyServer<dev.parley.server.Identity<Void>> bad = ParleyServer.builder(CONTRACT)
        .use((ctx, call, next) -> {
          dev.parley.server.Result r = next.proceed(ctx);
          if (call.descriptor() == PING) {
            kept.set(r);
          }
          return kept.get() == null ? r : kept.get(); // a query's result for the connect
        })
        .build();
    bad.implement(PING, (ctx, in) -> "pong");
    bad.channel(CHAT).onConnect((ctx, room, join) -> new Member(join.name()));
    try (TestServer other = ParleyTest.http(bad)) {
      ParleyClient<Shared> client = other.websocket(Role.SHARED, SubscribeTest.FAST_RECONNECT);
      assertThat(client.query(PING)).isEqualTo("pong");
      assertThatThrownBy(() -> client.connect(CHAT, new Room("general"), new Join("ada"),
          m -> {}, errors::add))
          .isInstanceOfSatisfying(ParleyClientException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL_SERVER_ERROR));
    }
  }

  private List<String> outcomes(String name) {
    return recordsOf(name).stream()
        .map(r -> r.error().map(e -> e.code().name()).orElse("OK")).toList();
  }
}
