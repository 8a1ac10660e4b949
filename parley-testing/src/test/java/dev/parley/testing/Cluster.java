package dev.parley.testing;

import dev.parley.Channel;
import dev.parley.Contract;
import dev.parley.Event;
import dev.parley.Mutation;
import dev.parley.Parley;
import dev.parley.Query;
import dev.parley.Role;
import dev.parley.Shared;
import dev.parley.State;
import dev.parley.Topic;
import dev.parley.client.ClientOptions;
import dev.parley.client.ParleyClient;
import dev.parley.server.Broker;
import dev.parley.server.Identity;
import dev.parley.server.ParleyServer;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * One app served by several nodes: a topic, a chat channel, events for users and agents, a
 * counter read by a query (resource {@code count}) and bumped by a mutation, a shared state the
 * server sets and one clients set.
 * The counter is the data every node serves, as a database would be. A caller's bearer token is
 * {@code user:<name>} or {@code agent:<name>}.
 */
final class Cluster {
  interface User extends Shared {}

  interface Agent extends Shared {}

  static final Role<User> USER = Role.of("user", User.class);
  static final Role<Agent> AGENT = Role.of("agent", Agent.class);

  record Note(@NotBlank String text) {}

  record RoomId(@NotBlank String id) {}

  record Join(@NotBlank String name) {}

  record Member(String name) {}

  record Said(String name, String text) {}

  record Counter(int value) {}

  static final Topic<Shared, RoomId, Note> CHATTER =
      Parley.topic("chatter").params(RoomId.class).message(Note.class);
  static final Channel<Shared, RoomId, Join, Member, Note, Said> ROOM = Parley.channel("room")
      .params(RoomId.class).connect(Join.class, Member.class).clientMessage(Note.class)
      .serverMessage(Said.class);
  static final Event<Shared, Note> NEWS = Parley.event("news").payload(Note.class);
  static final Query<Shared, Void, Integer> COUNT = Parley.query("count").output(Integer.class);
  static final Mutation<Shared, Void, Integer> BUMP = Parley.mutation("bump").output(Integer.class);
  static final State<Shared, Counter> COUNTER = Parley.state("counter").value(Counter.class);
  static final State<Shared, Integer> LIKES =
      Parley.state("likes").value(Integer.class).clientWritable();
  static final Query<Shared, Void, Integer> PING = Parley.query("ping").output(Integer.class);
  static final Contract CONTRACT =
      Contract.of(CHATTER, ROOM, NEWS, COUNT, BUMP, COUNTER, LIKES, PING);

  /** The data all nodes serve. */
  final AtomicInteger count = new AtomicInteger();

  /** A node of the app on {@code broker}; on its own when null. */
  ParleyServer<Identity<String>> node(@Nullable Broker broker) {
    var builder = ParleyServer.builder(CONTRACT)
        .authenticate(request -> request.bearerToken().map(token -> {
          Role<?> role = token.startsWith("user:") ? USER : AGENT;
          return Identity.of(role, token.substring(token.indexOf(':') + 1));
        }).orElse(Identity.anonymous()));
    if (broker != null) {
      builder.broker(broker);
    }
    var server = builder.build();
    server.implement(COUNT, (ctx, in) -> count.get()).resources((ctx, in, out) -> Set.of("count"));
    server.implement(BUMP, (ctx, in) -> count.incrementAndGet())
        .resources((ctx, in, out) -> Set.of("count"));
    server.implement(PING, (ctx, in) -> 0);
    server.channel(ROOM)
        .onConnect((caller, room, join) -> new Member(join.name()))
        .onMessage((caller, room, member, note) ->
            server.send(ROOM, room, new Said(member.name(), note.text())));
    return server;
  }

  /** A WebSocket client of {@code test} for {@code role}, with the bearer token {@code token}. */
  static <R extends Shared> ParleyClient<R> client(TestServer test, Role<R> role, String token) {
    return test.websocket(role, ClientOptions.builder()
        .reconnectDelay(Duration.ofMillis(20)).maxReconnectDelay(Duration.ofMillis(100))
        .header("authorization", "Bearer " + token).build());
  }
}
