package dev.parley.client;

/**
 * A query the client keeps up to date for a listener: see {@link ParleyClient#listen}. Closing it
 * stops the refetches and the calls of its listener: once {@link #close()} returned, the listener
 * hears nothing more. Thread-safe.
 *
 * <pre>{@code
 * try (LiveQuery live = client.listen(TodoApi.LIST, null, this::render, this::showError)) {
 *   ...
 * }
 * }</pre>
 */
public interface LiveQuery extends AutoCloseable {

  /** Stops listening; idempotent. Waits for a call of the listener running now to return. */
  @Override
  void close();

  /** Whether it was closed, by {@link #close()} or by closing the client. */
  boolean isClosed();
}
