package dev.parley.server.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The calls of one request, cancelled together when their caller goes away: each running call is
 * interrupted and answered {@code CLIENT_CLOSED_REQUEST}; a call that starts afterwards is
 * cancelled as it starts. Thread-safe.
 */
public final class Cancellation {
  private final List<Run> runs = new ArrayList<>(1);
  private boolean cancelled;

  /** Cancels every call of the request, now and to come. */
  public void cancel() {
    List<Run> now;
    synchronized (this) {
      if (cancelled) {
        return;
      }
      cancelled = true;
      now = List.copyOf(runs);
      runs.clear();
    }
    now.forEach(Run::cancel);
  }

  void add(Run run) {
    boolean late;
    synchronized (this) {
      late = cancelled;
      if (!late) {
        runs.add(run);
      }
    }
    if (late) {
      run.cancel();
    }
  }

  synchronized void remove(Run run) {
    runs.remove(run);
  }
}
