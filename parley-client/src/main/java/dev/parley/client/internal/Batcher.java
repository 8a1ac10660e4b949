package dev.parley.client.internal;

import dev.parley.client.ClientOptions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Decides when calls leave and with whom: the HTTP link's scheduler of requests.
 *
 * <ul>
 *   <li>A call leaves at once, alone, while fewer than {@code maxConcurrentRequests} HTTP requests
 *       are in flight (always, when batching is off): a lone call waits for nothing.
 *   <li>Otherwise it queues, queries and mutations apart. Each time a request finishes, the queue
 *       whose oldest call is older leaves as one request: up to {@code maxBatchSize} calls, and for
 *       queries only as many as fit in {@code maxUrlLength} (the rest leave with the next slot).
 *   <li>With de-duplication on, a query whose key (name and encoded input) matches a query queued
 *       or in flight joins it instead of making a new call; it is removed from the table before its
 *       answer is handed out, so later callers start a new call.
 *   <li>A call no caller waits for any more (timeout, cancellation) leaves the queue, or, when all
 *       the calls of its request are abandoned, has that request aborted.
 * </ul>
 *
 * Thread-safe: one lock guards the queues, the table, the count of requests and each call's
 * mutable fields; requests are sent outside it.
 */
final class Batcher {
  private final ReentrantLock lock = new ReentrantLock();
  private final Consumer<Exchange> sender;
  private final boolean batching;
  private final int maxConcurrent;
  private final int maxBatchSize;
  private final int maxUrlLength;
  private final int batchUrlBase;
  private final ArrayDeque<Call> queries = new ArrayDeque<>();
  private final ArrayDeque<Call> mutations = new ArrayDeque<>();
  private final Map<String, Call> shared = new HashMap<>();
  private int active;
  private long arrivals;
  private boolean closed;

  /**
   * @param sender sends a request; called outside the lock, must not block
   * @param baseLength the length of the link's base URL
   */
  Batcher(Consumer<Exchange> sender, ClientOptions options, int baseLength) {
    this.sender = sender;
    this.batching = options.batching();
    this.maxConcurrent = options.maxConcurrentRequests();
    this.maxBatchSize = options.maxBatchSize();
    this.maxUrlLength = options.maxUrlLength();
    this.batchUrlBase = baseLength + Wire.batchQueryOverhead();
  }

  /**
   * Submits {@code call} and returns the call to wait for: {@code call} itself, or the identical
   * query already in flight, which now has one more waiter.
   *
   * @throws dev.parley.client.ParleyClientException CLIENT_CLOSED_REQUEST after {@link #close()}
   */
  Call submit(Call call) {
    Exchange now = null;
    lock.lock();
    try {
      if (closed) {
        throw Failures.closed(call.name());
      }
      if (call.key != null) {
        Call twin = shared.putIfAbsent(call.key, call);
        if (twin != null) {
          twin.waiters++;
          twin.waitAlso(call.deadline);
          return twin;
        }
      }
      if (!batching || active < maxConcurrent) {
        now = exchange(List.of(call));
      } else {
        call.seq = arrivals++;
        (call.endpoint.mutation() ? mutations : queries).addLast(call);
      }
    } finally {
      lock.unlock();
    }
    if (now != null) {
      sender.accept(now);
    }
    return call;
  }

  /** One caller of {@code call} stops waiting for it. */
  void release(Call call) {
    Exchange abort = null;
    boolean dropped = false;
    lock.lock();
    try {
      if (--call.waiters > 0) {
        return;
      }
      if (call.key != null) {
        shared.remove(call.key, call);
      }
      Exchange x = call.exchange;
      if (x == null) {
        dropped = (call.endpoint.mutation() ? mutations : queries).remove(call);
      } else if (x.abandoned()) {
        abort = x;
      }
    } finally {
      lock.unlock();
    }
    if (dropped) {
      call.reply.cancel(false);
    }
    if (abort != null) {
      abort.abort();
    }
  }

  /**
   * {@code x} got its answer or failed: frees its slot, forgets its calls for de-duplication, and
   * returns the next request to send, if calls wait.
   */
  @Nullable Exchange finished(Exchange x) {
    lock.lock();
    try {
      active--;
      for (Call c : x.calls) {
        if (c.key != null) {
          shared.remove(c.key, c);
        }
      }
      return closed ? null : next();
    } finally {
      lock.unlock();
    }
  }

  boolean closed() {
    lock.lock();
    try {
      return closed;
    } finally {
      lock.unlock();
    }
  }

  /** Refuses new calls and returns the calls that were still queued, which will never leave. */
  List<Call> close() {
    lock.lock();
    try {
      closed = true;
      List<Call> dropped = new ArrayList<>(queries);
      dropped.addAll(mutations);
      queries.clear();
      mutations.clear();
      shared.clear();
      return dropped;
    } finally {
      lock.unlock();
    }
  }

  private @Nullable Exchange next() {
    Call q = queries.peekFirst();
    Call m = mutations.peekFirst();
    if (q == null && m == null) {
      return null;
    }
    boolean mutation = q == null || (m != null && m.seq < q.seq);
    ArrayDeque<Call> queue = mutation ? mutations : queries;
    List<Call> batch = new ArrayList<>(Math.min(queue.size(), maxBatchSize));
    int length = batchUrlBase;
    while (!queue.isEmpty() && batch.size() < maxBatchSize) {
      Call c = queue.peekFirst();
      if (!mutation) {
        length += Wire.batchQueryLength(batch.size(), c);
        if (length > maxUrlLength && !batch.isEmpty()) {
          break;
        }
      }
      batch.add(queue.pollFirst());
    }
    return exchange(batch);
  }

  private Exchange exchange(List<Call> calls) {
    Exchange x = new Exchange(calls);
    for (Call c : calls) {
      c.exchange = x;
    }
    active++;
    return x;
  }
}
