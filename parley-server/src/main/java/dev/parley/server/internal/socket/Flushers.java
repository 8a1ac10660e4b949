package dev.parley.server.internal.socket;

import dev.parley.server.internal.Failures;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The threads that hand queued WebSocket messages to the transport when the producer does not
 * ({@link Outbox#offer}, {@link Outbox#putSoon}): one per core (at least two), shared by every
 * connection of the JVM. A fan-out that queues one message on each of 10,000 idle connections
 * then wakes at most these few threads instead of starting a thread per connection; and the
 * messages a producer queues on one connection in a row still share a write, since its flush runs
 * a little later on another thread. A flush never blocks ({@code SocketOut} may not), so a few
 * threads serve any number of connections. Daemon threads, parked while there is nothing to do.
 */
final class Flushers {
  /** The JVM's flushers. */
  static final Flushers SHARED = new Flushers(Math.max(2, Runtime.getRuntime().availableProcessors()));

  private static final int SPINS = 256;

  private final ConcurrentLinkedQueue<Runnable> work = new ConcurrentLinkedQueue<>();
  private final Worker[] workers;
  /** How many workers are parked or about to park: read once per submit. */
  private final AtomicInteger sleeping = new AtomicInteger();

  Flushers(int threads) {
    workers = new Worker[threads];
    for (int i = 0; i < threads; i++) {
      workers[i] = new Worker();
      workers[i].thread = Thread.ofPlatform().name("parley-socket-flush-" + i).daemon()
          .start(workers[i]);
    }
  }

  /** Runs {@code flush} soon on one of the threads; never blocks. */
  void submit(Runnable flush) {
    work.add(flush);
    if (sleeping.get() > 0) {
      for (Worker w : workers) {
        if (w.asleep.compareAndSet(true, false)) {
          LockSupport.unpark(w.thread);
          return;
        }
      }
    }
  }

  /** One thread: runs what is submitted, spins a little when there is nothing, then parks. */
  private final class Worker implements Runnable {
    final AtomicBoolean asleep = new AtomicBoolean();
    volatile Thread thread;

    @Override
    public void run() {
      int idle = 0;
      while (true) {
        Runnable next = work.poll();
        if (next != null) {
          idle = 0;
          try {
            next.run();
          } catch (Throwable t) {
            Failures.LOG.error("a WebSocket flush failed", t);
          }
          continue;
        }
        if (++idle < SPINS) {
          Thread.onSpinWait();
          continue;
        }
        asleep.set(true);
        sleeping.incrementAndGet();
        if (work.isEmpty()) { // a submit after this line sees it asleep and unparks it
          LockSupport.park(this);
        }
        asleep.set(false);
        sleeping.decrementAndGet();
        idle = 0;
      }
    }
  }
}
