package dev.parley.server.internal;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The last few results of a costly function, kept by the identity of the object it was computed
 * from (and a string and a token beside it), for objects that many callers pass one after the
 * other: a fan-out's one value, sent by each of its subscribers, is checked, encoded and framed
 * once. A small table of slots, lock-free; two keys that share a slot evict each other, and a miss
 * just computes again. Thread-safe.
 *
 * @param <V> the result type
 */
final class Recent<V> {
  private static final int SLOTS = 16;

  private final AtomicReferenceArray<@Nullable Entry<V>> slots = new AtomicReferenceArray<>(SLOTS);

  /**
   * The result for {@code key}, {@code tag} and {@code token}: the one kept, else {@code make}'s,
   * then kept.
   *
   * @param key compared by identity
   * @param tag compared by equality; may be null
   * @param token compared by identity (which function made the result); may be null
   */
  V get(Object key, @Nullable String tag, @Nullable Object token, Supplier<V> make) {
    int h = System.identityHashCode(key) * 0x9E3779B1 + (tag == null ? 0 : tag.hashCode());
    int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
    Entry<V> e = slots.get(slot);
    if (e != null && e.key == key && e.token == token && Objects.equals(e.tag, tag)) {
      return e.made;
    }
    V made = make.get();
    slots.set(slot, new Entry<>(key, tag, token, made));
    return made;
  }

  private record Entry<V>(Object key, @Nullable String tag, @Nullable Object token, V made) {}
}
