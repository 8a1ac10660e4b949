package dev.parley.examples.chat;

import dev.parley.ErrorCode;
import dev.parley.ParleyException;
import dev.parley.examples.chat.ChatApi.RoomMessage;
import dev.parley.examples.live.DecimalIds;
import dev.parley.server.ReplayWindow;
import dev.parley.server.Sink;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The rooms of {@code chat.send} and {@code chat.onMessage}, in memory, each with a {@link
 * ReplayWindow} of its last {@value #REPLAYED} messages. Message ids come from one counter, so they
 * increase across rooms.
 *
 * <p>Memory is bounded by the number of rooms: at most {@code maxRooms} ({@value #MAX_ROOMS} by
 * default) are kept. A message to, or a follower of, a room not kept makes room by dropping the
 * least recently used room that no one follows, with its history; when every room kept is followed,
 * it is refused {@code SERVICE_UNAVAILABLE}. A room followed is never dropped. Thread-safe.
 */
public final class Rooms {
  /** How many rooms are kept by default: {@value}. */
  public static final int MAX_ROOMS = 256;

  /** How many of a room's last messages are kept for followers who resume: {@value}. */
  public static final int REPLAYED = 100;

  private final int maxRooms;
  private final LinkedHashMap<String, Room> rooms = new LinkedHashMap<>(16, 0.75f, true);
  private long lastId;

  /** Rooms, at most {@value #MAX_ROOMS} of them. */
  public Rooms() {
    this(MAX_ROOMS);
  }

  /**
   * Rooms, at most {@code maxRooms} of them.
   *
   * @throws IllegalArgumentException if {@code maxRooms} is not positive
   */
  public Rooms(int maxRooms) {
    if (maxRooms <= 0) {
      throw new IllegalArgumentException("maxRooms: " + maxRooms + " (expected: > 0)");
    }
    this.maxRooms = maxRooms;
  }

  /**
   * Sends {@code text} to {@code room} and returns the message, with the next id.
   *
   * @throws ParleyException {@code SERVICE_UNAVAILABLE} when the room is new and every room kept
   *     is followed
   */
  public synchronized RoomMessage send(String room, String text) {
    Objects.requireNonNull(text, "text");
    Room kept = room(room);
    RoomMessage message = new RoomMessage(Long.toString(++lastId), room, text);
    kept.window.publish(message.id(), message);
    return message;
  }

  /**
   * Sends {@code sink} every message of {@code room} sent from now on; when the sink has a last
   * event id, first the room's kept messages newer than it. Blocks until the subscription is
   * cancelled; the room is kept while it runs.
   *
   * @throws ParleyException {@code BAD_REQUEST} when the last event id is not a decimal integer;
   *     {@code SERVICE_UNAVAILABLE} as {@link #send}, or when the follower fell more than {@value
   *     #REPLAYED} messages behind
   * @throws InterruptedException when the subscription is cancelled while it waits
   */
  public void follow(String room, Sink<RoomMessage> sink) throws InterruptedException {
    Optional<BigInteger> after = sink.lastEventId().map(DecimalIds::parse);
    Room kept;
    synchronized (this) {
      kept = room(room);
      kept.followers++;
    }
    try {
      kept.window.follow(after.isPresent() ? new NewerThan(after.get(), sink) : sink);
    } finally {
      synchronized (this) {
        kept.followers--;
      }
    }
  }

  /** How many rooms are kept now. */
  public synchronized int size() {
    return rooms.size();
  }

  /** How many subscriptions follow {@code room} now. */
  public synchronized int followers(String room) {
    Room kept = rooms.get(room);
    return kept == null ? 0 : kept.followers;
  }

  /** The room named {@code name}, made when missing; the caller holds this object's lock. */
  private Room room(String name) {
    Objects.requireNonNull(name, "room");
    Room kept = rooms.get(name);
    if (kept == null) {
      if (rooms.size() >= maxRooms && !dropOneUnfollowed()) {
        throw new ParleyException(ErrorCode.SERVICE_UNAVAILABLE,
            "Every one of the " + maxRooms + " rooms is followed; try an existing room");
      }
      kept = new Room();
      rooms.put(name, kept);
    }
    return kept;
  }

  private boolean dropOneUnfollowed() {
    for (Iterator<Map.Entry<String, Room>> it = rooms.entrySet().iterator(); it.hasNext(); ) {
      if (it.next().getValue().followers == 0) { // least recently used first
        it.remove();
        return true;
      }
    }
    return false;
  }

  @Override
  public synchronized String toString() {
    return "Rooms[" + rooms.size() + " of " + maxRooms + "]";
  }

  private static final class Room {
    final ReplayWindow<RoomMessage> window = new ReplayWindow<>(REPLAYED);
    int followers; // guarded by the Rooms' lock
  }

  /**
   * A sink that passes on only the tracked values with an id larger than {@code after}: the replay
   * of a window starts after the last event id when the window holds it, else at its oldest
   * message, which may be older than that id (it was sent to another room).
   */
  private record NewerThan(BigInteger after, Sink<RoomMessage> sink) implements Sink<RoomMessage> {
    @Override
    public void next(RoomMessage value) {
      sink.next(value);
    }

    @Override
    public void next(String id, RoomMessage value) {
      if (new BigInteger(id).compareTo(after) > 0) {
        sink.next(id, value);
      }
    }

    @Override
    public boolean isCancelled() {
      return sink.isCancelled();
    }

    @Override
    public Optional<String> lastEventId() {
      return sink.lastEventId();
    }
  }
}
