package dev.parley.examples.presence;

import dev.parley.server.ParleyServer;
import dev.parley.server.Recipients;
import dev.parley.server.Room;

/**
 * Counts who is online: every connection joins the room {@value #ROOM} when its client says hello
 * and leaves it when it ends; each time, everyone in the room is told the new count ({@link
 * PresenceApi#PRESENCE}). The room may be empty by then, so the event is optional.
 */
public final class PresenceServer {
  /** The room of everyone online. */
  public static final String ROOM = "online";

  private PresenceServer() {}

  /** Keeps {@code server}'s presence room, whose contract holds {@link PresenceApi#PRESENCE}. */
  public static void install(ParleyServer<?> server) {
    Room online = server.room(ROOM);
    server.onConnect(c -> {
      online.join(c);
      tell(server, online);
    });
    server.onDisconnect(c -> tell(server, online)); // it left the room before this runs
  }

  private static void tell(ParleyServer<?> server, Room online) {
    server.emit(PresenceApi.PRESENCE, Recipients.room(online).optional(),
        new Presence(online.size()));
  }
}
