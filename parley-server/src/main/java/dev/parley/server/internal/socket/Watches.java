package dev.parley.server.internal.socket;

import dev.parley.internal.wire.ResourceNames;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jspecify.annotations.Nullable;

/**
 * Which connections watch which resource names, indexed by name so that an invalidation finds its
 * connections without testing every pattern of every connection. Two sorted maps: exact names to
 * their watchers, and patterns' prefixes ({@code todo/} for {@code todo/*}) to theirs.
 *
 * <p>An invalidation of an exact name {@code r} looks up {@code r} among the exact names and each
 * of its {@link ResourceNames#coveringPrefixes covering prefixes} (one per {@code /} in it) among
 * the patterns; of a pattern, it also takes the range of exact names and of prefixes below its
 * prefix. With {@code W} distinct names watched server-wide, one changed name of {@code s}
 * slashes costs {@code O((s + 1) log W + k)}, {@code k} the watchers found: never a scan of every
 * connection. Watching and unwatching take the write lock, invalidations the read lock.
 */
final class Watches {
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final TreeMap<String, Set<Watcher>> exact = new TreeMap<>();
  private final TreeMap<String, Set<Watcher>> prefixes = new TreeMap<>();

  /** {@code watcher} now also watches {@code names}. */
  void add(Watcher watcher, Collection<String> names) {
    lock.writeLock().lock();
    try {
      for (String n : names) {
        index(n).computeIfAbsent(key(n), k -> new HashSet<>()).add(watcher);
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** {@code watcher} no longer watches {@code names}. */
  void remove(Watcher watcher, Collection<String> names) {
    lock.writeLock().lock();
    try {
      for (String n : names) {
        TreeMap<String, Set<Watcher>> index = index(n);
        String key = key(n);
        Set<Watcher> set = index.get(key);
        if (set != null && set.remove(watcher) && set.isEmpty()) {
          index.remove(key);
        }
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * The watchers of names that overlap {@code changed}, each with the changed names it watches
   * (sorted), the watcher whose caller is {@code origin} excepted. Calls nothing on a watcher
   * under the lock (a watcher updates the index under its own).
   */
  Map<Watcher, Set<String>> find(Collection<String> changed, @Nullable Object origin) {
    Map<Watcher, Set<String>> found = new HashMap<>();
    lock.readLock().lock();
    try {
      for (String name : changed) {
        if (ResourceNames.isPattern(name)) {
          String p = ResourceNames.prefix(name);
          collect(found, name, exact.subMap(p, false, p + Character.MAX_VALUE, true));
          collect(found, name, prefixes.subMap(p, true, p + Character.MAX_VALUE, true));
        } else {
          collect(found, name, exact.get(name));
        }
        for (String prefix : ResourceNames.coveringPrefixes(name)) {
          collect(found, name, prefixes.get(prefix));
        }
      }
    } finally {
      lock.readLock().unlock();
    }
    if (origin != null) {
      found.keySet().removeIf(w -> w.isOrigin(origin));
    }
    return found;
  }

  private static void collect(Map<Watcher, Set<String>> found, String name,
      NavigableMap<String, Set<Watcher>> range) {
    for (Set<Watcher> set : range.values()) {
      collect(found, name, set);
    }
  }

  private static void collect(Map<Watcher, Set<String>> found, String name,
      @Nullable Set<Watcher> watchers) {
    if (watchers == null) {
      return;
    }
    for (Watcher w : watchers) {
      found.computeIfAbsent(w, k -> new TreeSet<>()).add(name);
    }
  }

  private TreeMap<String, Set<Watcher>> index(String name) {
    return ResourceNames.isPattern(name) ? prefixes : exact;
  }

  private static String key(String name) {
    return ResourceNames.isPattern(name) ? ResourceNames.prefix(name) : name;
  }
}
