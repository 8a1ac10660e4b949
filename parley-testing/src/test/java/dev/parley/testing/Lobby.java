package dev.parley.testing;

import dev.parley.Channel;
import dev.parley.Contract;
import dev.parley.ErrorCode;
import dev.parley.Parley;
import dev.parley.ParleyException;
import dev.parley.Query;
import dev.parley.Role;
import dev.parley.Shared;
import dev.parley.server.Identity;
import dev.parley.server.ParleyServer;
import jakarta.validation.constraints.NotBlank;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A chat of rooms as a channel, Covenant's example: connect to a room with a user name, say
 * things, hear what everyone in the same room says. Records who disconnected, in order, so that
 * tests can count each {@code onDisconnect}.
 */
final class Lobby {
  interface Admin extends Shared {}

  static final Role<Admin> ADMIN = Role.of("admin", Admin.class);

  record RoomId(@NotBlank String roomId) {}

  record Join(@NotBlank String username) {}

  record Member(String username) {}

  record Say(@NotBlank String text) {}

  record Said(String username, String text) {}

  static final Channel<Shared, RoomId, Join, Member, Say, Said> ROOM = Parley.channel("room")
      .params(RoomId.class).connect(Join.class, Member.class).clientMessage(Say.class)
      .serverMessage(Said.class);

  static final Channel<Admin, RoomId, Join, Member, Say, Said> BACKSTAGE =
      Parley.channel("backstage").role(ADMIN).params(RoomId.class).connect(Join.class, Member.class)
          .clientMessage(Say.class).serverMessage(Said.class);

  static final Query<Shared, Void, String> PING = Parley.query("ping").output(String.class);

  static final Contract CONTRACT = Contract.of(ROOM, BACKSTAGE, PING);

  /** Who disconnected, {@code room/name}, once each. */
  final List<String> left = new CopyOnWriteArrayList<>();

  ParleyServer<?> server() {
    return server(dev.parley.server.ServerOptions.defaults());
  }

  ParleyServer<?> server(dev.parley.server.ServerOptions options) {
    ParleyServer<?> server = ParleyServer.builder(CONTRACT)
        .authenticate(r -> r.header("x-role").filter("admin"::equals).isPresent()
            ? Identity.of(ADMIN, "admin") : Identity.anonymous())
        .options(options).build();
    server.implement(PING, (ctx, in) -> "pong");
    server.channel(ROOM)
        .onConnect((caller, room, join) -> {
          if (join.username().equals("mallory")) {
            throw new ParleyException(ErrorCode.FORBIDDEN, "mallory is banned");
          }
          return new Member(join.username());
        })
        .onMessage((caller, room, member, say) -> {
          if (say.text().equals("boom")) {
            throw new IllegalStateException("secret detail");
          }
          server.send(ROOM, room, new Said(member.username(), say.text()));
        })
        .onDisconnect((caller, room, member) -> left.add(room.roomId() + "/" + member.username()));
    server.channel(BACKSTAGE).onConnect((caller, room, join) -> new Member(join.username()));
    return server;
  }
}
