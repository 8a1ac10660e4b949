package dev.parley.client.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The resource names a client watches, each counted by how many listeners need it, and told to
 * the server through the link as they come and go: {@code parley.watch} when a name is first
 * needed, {@code parley.unwatch} when no listener needs it any more, everything again on a new
 * connection. Thread-safe: the messages leave under its lock, in the order of the changes.
 */
final class Watched {
  private final Link link;
  private final Map<String, Integer> counts = new HashMap<>();

  Watched(Link link) {
    this.link = link;
  }

  /** One more listener needs {@code names}. */
  void retain(Collection<String> names) {
    retain(names, -1);
  }

  /**
   * One more listener needs {@code names}, learned from an answer that carried the server's
   * invalidation sequence {@code since} (none when negative): the names first watched now are
   * watched with it, so that the server pushes what changed of them after that answer.
   */
  synchronized void retain(Collection<String> names, long since) {
    List<String> added = new ArrayList<>();
    for (String n : Set.copyOf(names)) {
      if (counts.merge(n, 1, Integer::sum) == 1) {
        added.add(n);
      }
    }
    link.watch(added, List.of(), since);
  }

  /** One listener less needs {@code names}. */
  synchronized void release(Collection<String> names) {
    List<String> removed = new ArrayList<>();
    for (String n : Set.copyOf(names)) {
      if (counts.containsKey(n) && counts.computeIfPresent(n, (k, c) -> c == 1 ? null : c - 1) == null) {
        removed.add(n);
      }
    }
    link.watch(List.of(), removed);
  }

  /** Tells a new connection every name watched. */
  synchronized void resend() {
    link.watch(List.copyOf(counts.keySet()), List.of());
  }

  /** The names watched now. */
  synchronized Set<String> names() {
    return Set.copyOf(counts.keySet());
  }
}
