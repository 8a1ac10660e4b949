package dev.parley.server.internal.socket;

import dev.parley.internal.wire.TopicMessages;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One topic's messages for one params: its subscribers and, when the topic keeps some, its latest
 * messages, each with an event id (1, 2 … per params). A subscriber joins and gets what it missed
 * under the same lock that a publication takes, so it misses nothing and gets nothing twice.
 * Thread-safe.
 */
final class Feed {
  /** A kept message: its event id and its frame's tail ({@link TopicMessages#tail}). */
  private record Kept(long eventId, byte[] tail) {}

  final String key;
  private final Set<TopicMember> members = new LinkedHashSet<>();
  private final ArrayDeque<Kept> kept = new ArrayDeque<>();
  private long last;

  Feed(String key) {
    this.key = key;
  }

  /**
   * Adds {@code member}, then hands it (through {@code send}, still under the lock) the kept
   * messages after {@code after} (every kept one when {@code after} is null or older than the
   * oldest kept); false when {@code send} refused one (the member is not added).
   */
  synchronized boolean join(TopicMember member, @Nullable Long after, Sender send) {
    if (!send.send(member, null)) {
      return false;
    }
    if (after != null) {
      for (Kept k : kept) {
        if (k.eventId > after && !send.send(member, k.tail)) {
          return false;
        }
      }
    }
    members.add(member);
    return true;
  }

  /** The event id of the last message published; 0 before the first. */
  synchronized long lastId() {
    return last;
  }

  synchronized void leave(TopicMember member) {
    members.remove(member);
  }

  synchronized boolean isIdle() {
    return members.isEmpty() && kept.isEmpty();
  }

  /**
   * Publishes {@code json}: keeps it (when {@code window > 0}, with the next event id) and returns
   * the tail every subscriber's frame ends with, with the subscribers to send it to.
   */
  synchronized Publication publish(byte[] json, int window) {
    byte[] tail;
    if (window > 0) {
      long id = ++last;
      tail = TopicMessages.tail(Long.toString(id), json);
      kept.addLast(new Kept(id, tail));
      while (kept.size() > window) {
        kept.removeFirst();
      }
    } else {
      tail = TopicMessages.tail(null, json);
    }
    return new Publication(tail, new ArrayList<>(members));
  }

  /** What a publication sends, to whom. */
  record Publication(byte[] tail, List<TopicMember> to) {}

  /** Queues a member's answer ({@code tail} null) or a message; false when it did not fit. */
  interface Sender {
    boolean send(TopicMember member, byte @Nullable [] tail);
  }
}
