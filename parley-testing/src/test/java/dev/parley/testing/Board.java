package dev.parley.testing;

import dev.parley.Contract;
import dev.parley.ErrorCode;
import dev.parley.Parley;
import dev.parley.ParleyException;
import dev.parley.Query;
import dev.parley.Role;
import dev.parley.Shared;
import dev.parley.Topic;
import dev.parley.server.Identity;
import dev.parley.server.ParleyServer;
import dev.parley.server.ServerOptions;
import jakarta.validation.constraints.NotBlank;

/**
 * Topics of rooms: {@code news} keeps its last 10 messages per room, refuses the room {@code
 * secret} and narrows every {@code lobby-…} room to {@code lobby}; {@code chatter} keeps nothing;
 * {@code audit} is for admins only.
 */
final class Board {
  interface Admin extends Shared {}

  static final Role<Admin> ADMIN = Role.of("admin", Admin.class);

  record RoomId(@NotBlank String roomId) {}

  record Note(@NotBlank String text) {}

  static final Topic<Shared, RoomId, Note> NEWS =
      Parley.topic("news").params(RoomId.class).message(Note.class);
  static final Topic<Shared, RoomId, Note> CHATTER =
      Parley.topic("chatter").params(RoomId.class).message(Note.class);
  static final Topic<Admin, RoomId, Note> AUDIT =
      Parley.topic("audit").role(ADMIN).params(RoomId.class).message(Note.class);
  static final Query<Shared, Void, String> PING = Parley.query("ping").output(String.class);

  static final Contract CONTRACT = Contract.of(NEWS, CHATTER, AUDIT, PING);

  static ParleyServer<?> server(ServerOptions options) {
    ParleyServer<?> server = ParleyServer.builder(CONTRACT).options(options).build();
    server.implement(PING, (ctx, in) -> "pong");
    server.topic(NEWS)
        .onSubscribe((caller, room) -> {
          if (room.roomId().equals("secret")) {
            throw new ParleyException(ErrorCode.FORBIDDEN, "No news of secret rooms");
          }
          return room.roomId().startsWith("lobby-") ? new RoomId("lobby") : room;
        })
        .replay(10, 3);
    return server;
  }
}
