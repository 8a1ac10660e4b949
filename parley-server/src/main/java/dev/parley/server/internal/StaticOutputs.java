package dev.parley.server.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;

/**
 * The outputs of one static query, by the canonical JSON of their input: each computed once, then
 * served from memory. At most {@code capacity} are kept; past it the least recently used is dropped.
 * Callers of one input that arrive while it is being computed wait for that computation rather
 * than run the handler again. A computation that fails is not kept: its waiters, and the next
 * caller, compute it again themselves, so a failure is never shared nor cached. Thread-safe.
 */
public final class StaticOutputs {
  private static final Object FAILED = new Object();
  private static final Object NULL = new Object();

  /** What computes an output: the handler, behind the output's validation. */
  public interface Compute {
    /** The output, or an exception that the caller gets and nobody else. */
    @Nullable Object run() throws Exception;
  }

  private final int capacity;
  private final LinkedHashMap<String, CompletableFuture<Object>> outputs;

  /** A cache of at most {@code capacity} outputs; 0 keeps none. */
  public StaticOutputs(int capacity) {
    this.capacity = capacity;
    this.outputs = new LinkedHashMap<>(16, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<Object>> eldest) {
        return size() > StaticOutputs.this.capacity;
      }
    };
  }

  /** The output for {@code key}: the one kept, or the one {@code compute} makes now. */
  public @Nullable Object get(String key, Compute compute) throws Exception {
    if (capacity == 0) {
      return compute.run();
    }
    while (true) {
      CompletableFuture<Object> mine = new CompletableFuture<>();
      CompletableFuture<Object> existing;
      synchronized (outputs) {
        existing = outputs.get(key);
        if (existing == null) {
          outputs.put(key, mine);
        }
      }
      if (existing == null) {
        return computeInto(key, mine, compute);
      }
      Object value;
      try {
        value = existing.get();
      } catch (ExecutionException e) {
        throw new IllegalStateException(e); // never completed exceptionally
      }
      if (value != FAILED) {
        return value == NULL ? null : value;
      }
    }
  }

  private @Nullable Object computeInto(String key, CompletableFuture<Object> mine,
      Compute compute) throws Exception {
    try {
      Object value = compute.run();
      mine.complete(value == null ? NULL : value);
      return value;
    } catch (Throwable t) {
      synchronized (outputs) {
        outputs.remove(key, mine);
      }
      mine.complete(FAILED);
      throw t;
    }
  }

  /** How many outputs are kept or being computed now. */
  public int size() {
    synchronized (outputs) {
      return outputs.size();
    }
  }
}
