package dev.parley.server.internal;

import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One call running on one thread, answered exactly once: by its own end, or earlier by its
 * deadline or its caller's going away, which also interrupt its thread. An interrupt is only sent
 * while the run is not finished, under this object's lock, so the thread that finishes can clear
 * it and leave nothing behind; nothing waits by spinning.
 */
final class Run {
  private final Pipeline pipeline;
  final Invocation invocation;
  final Consumer<Answer> sink;
  final long start = System.nanoTime();
  private final Thread thread = Thread.currentThread();
  volatile @Nullable Route route;
  volatile Watchdog.@Nullable Ticket ticket;
  private boolean answered;
  private boolean finished;
  private volatile boolean interrupted; // written under the lock, read without it: only turns true

  Run(Pipeline pipeline, Invocation invocation, Consumer<Answer> sink) {
    this.pipeline = pipeline;
    this.invocation = invocation;
    this.sink = sink;
  }

  /** The deadline passed: answers TIMEOUT now and interrupts the call. Runs on the timer thread. */
  void expire() {
    stop(Failures.timeout(invocation.name(), invocation.budget()));
  }

  /** The caller went away: answers CLIENT_CLOSED_REQUEST and interrupts the call. */
  void cancel() {
    stop(Failures.gone(invocation.name()));
  }

  /** Ends the call because the server shuts down: a subscription's clients are told to retry. */
  void shutdown() {
    stop(Failures.shuttingDown());
  }

  /** Ends the call because its caller lost its role: answered {@code why}. */
  void revoke(dev.parley.ParleyException why) {
    stop(why);
  }

  /**
   * Whether the call was stopped: cancelled, timed out, or shut down. Takes no lock: a fan-out asks
   * it of every follower for every value.
   */
  boolean isStopped() {
    return interrupted;
  }

  private void stop(dev.parley.ParleyException why) {
    synchronized (this) {
      if (finished || answered) {
        return;
      }
      answered = true;
      interrupted = true;
      thread.interrupt();
    }
    Answer answer = new Answer.Failure(invocation.name(), route, why);
    Thread.ofVirtual().name("parley-answer").start(() -> pipeline.deliver(this, answer));
  }

  /** The call ended with {@code answer}, on its own thread: answers unless it was answered already. */
  void complete(Answer answer) {
    boolean mine;
    boolean clear;
    synchronized (this) {
      finished = true;
      mine = !answered;
      answered = true;
      clear = interrupted;
    }
    Watchdog.Ticket t = ticket;
    if (t != null) {
      t.cancel();
    }
    if (clear) {
      Thread.interrupted(); // ours, for the abandoned call; the thread goes on with other work
    }
    if (mine) {
      pipeline.deliver(this, answer);
    } else {
      Failures.LOG.debug("{} ended after it was answered: {}", invocation.name(), answer);
      pipeline.changed(this, answer);
    }
  }
}
