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
 * messages, each with an event id (1, 2 … per params, counted on from where an evicted feed of the
 * server ended, so that an id never goes back). A subscriber joins and gets what it missed under
 * the same lock that a publication takes, so it misses nothing and gets nothing twice.
 *
 * <p>A feed taken off its server's map ({@link #detach}) takes nobody in and publishes nothing
 * any more: whoever still held it gets it again from the map, a new one. Thread-safe.
 */
final class Feed {
  /** A kept message: its event id and its frame's tail ({@link TopicMessages#tail}). */
  private record Kept(long eventId, byte[] tail) {}

  final String key;
  private final Set<TopicMember> members = new LinkedHashSet<>();
  private final ArrayDeque<Kept> kept = new ArrayDeque<>();
  private long last;
  private boolean detached;

  /** A feed of {@code key} whose first event id is {@code after + 1}. */
  Feed(String key, long after) {
    this.key = key;
    this.last = after;
  }

  /** How a {@link #join} went. */
  enum Joined {
    /** The member is in. */
    JOINED,
    /** {@code send} refused a message: the member is not in. */
    REFUSED,
    /** The feed was detached: join the server's current feed of the key instead. */
    DETACHED
  }

  /**
   * Adds {@code member}, then hands it (through {@code send}, still under the lock) the kept
   * messages after {@code after} (every kept one when {@code after} is null or older than the
   * oldest kept).
   */
  synchronized Joined join(TopicMember member, @Nullable Long after, Sender send) {
    if (detached) {
      return Joined.DETACHED;
    }
    if (!send.send(member, null)) {
      return Joined.REFUSED;
    }
    if (after != null) {
      for (Kept k : kept) {
        if (k.eventId > after && !send.send(member, k.tail)) {
          return Joined.REFUSED;
        }
      }
    }
    members.add(member);
    return Joined.JOINED;
  }

  /**
   * Detaches the feed when nobody is subscribed and, unless {@code dropKept}, nothing is kept;
   * its kept messages are dropped. Returns whether it did.
   */
  synchronized boolean detach(boolean dropKept) {
    if (!members.isEmpty() || (!dropKept && !kept.isEmpty())) {
      return false;
    }
    detached = true;
    kept.clear();
    return true;
  }

  /** Whether it was {@linkplain #detach detached}. */
  synchronized boolean isDetached() {
    return detached;
  }

  /** The event id of the last message published; 0 before the first. */
  synchronized long lastId() {
    return last;
  }

  synchronized void leave(TopicMember member) {
    members.remove(member);
  }

  /**
   * Publishes {@code json}: keeps it (when {@code window > 0}, with the next event id) and returns
   * the tail every subscriber's frame ends with, with the subscribers to send it to; null when the
   * feed was detached (publish to the server's current feed of the key instead).
   */
  synchronized @Nullable Publication publish(byte[] json, int window) {
    if (detached) {
      return null;
    }
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

  /**
   * Publishes {@code json} as {@link #publish(byte[], int)} does and hands the frame's tail to
   * every subscriber through {@code send}. Numbered messages ({@code window > 0}) are handed out
   * still under the lock, so that they reach each subscriber in the order of their event ids
   * however many threads publish (a subscriber that got 6 before 5 would resume after 6 and never
   * get 5); others after it, so that several publications fan out at once. {@code send} must not
   * wait.
   *
   * @return the publication, or null when the feed was detached (nothing was sent)
   */
  @Nullable Publication publish(byte[] json, int window, Sender send) {
    Publication p;
    if (window > 0) {
      synchronized (this) {
        p = publish(json, window);
        sendAll(p, send);
      }
    } else {
      p = publish(json, window);
      sendAll(p, send);
    }
    return p;
  }

  private static void sendAll(@Nullable Publication p, Sender send) {
    if (p != null) {
      for (TopicMember m : p.to()) {
        send.send(m, p.tail());
      }
    }
  }

  /** What a publication sends, to whom. */
  record Publication(byte[] tail, List<TopicMember> to) {}

  /** Queues a member's answer ({@code tail} null) or a message; false when it did not fit. */
  interface Sender {
    boolean send(TopicMember member, byte @Nullable [] tail);
  }
}
