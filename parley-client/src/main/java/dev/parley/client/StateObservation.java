package dev.parley.client;

/**
 * A client's observation of a {@link dev.parley.State}, made by {@link ParleyClient#observe}: its
 * listener hears the current value first, then every change, in order, until {@link #close()}.
 * After a reconnect the client observes again by itself, and the listener hears the current value
 * again (changes made meanwhile are not replayed one by one). Thread-safe.
 */
public interface StateObservation extends AutoCloseable {
  /** Whether it is still live (not closed, nor refused on a reconnect). */
  boolean isOpen();

  /** Stops observing: nothing more is heard. */
  @Override
  void close();
}
