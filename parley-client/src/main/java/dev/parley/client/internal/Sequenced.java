package dev.parley.client.internal;

import java.util.AbstractSet;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The resources of a query's answer with the server's invalidation sequence it carried ({@code
 * "seq"}): a set of names like any other (equal to any set of the same names), which {@link
 * dev.parley.client.MutationResult} keeps as it is so that the cache can send the sequence as
 * {@code "since"} when it watches the names. Immutable; keeps the order it was given.
 */
public final class Sequenced extends AbstractSet<String> {
  private final Set<String> names;
  private final long seq;

  private Sequenced(Set<String> names, long seq) {
    this.names = names;
    this.seq = seq;
  }

  /** {@code names} with {@code seq}; just a copy of them when {@code seq} is negative (none). */
  public static Set<String> of(Collection<String> names, long seq) {
    Set<String> copy = Collections.unmodifiableSet(new LinkedHashSet<>(names));
    return seq < 0 || names.isEmpty() ? copy : new Sequenced(copy, seq);
  }

  /** The sequence {@code names} came with: -1 when they are not a {@link Sequenced}. */
  public static long seq(Set<String> names) {
    return names instanceof Sequenced s ? s.seq : -1;
  }

  @Override
  public Iterator<String> iterator() {
    return names.iterator();
  }

  @Override
  public int size() {
    return names.size();
  }

  @Override
  public boolean contains(Object o) {
    return names.contains(o);
  }
}
