package dev.parley.client;

/**
 * What {@link ParleyClient#on} and {@link ParleyClient#register} return: closing it stops the
 * listener, or takes the implementation back (a later call of it is answered {@code NOT_FOUND}).
 * Closing twice does nothing. Thread-safe.
 */
public interface Registration extends AutoCloseable {

  /** Stops it; idempotent. */
  @Override
  void close();
}
