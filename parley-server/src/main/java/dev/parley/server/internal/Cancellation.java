package dev.parley.server.internal;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The calls of one request, cancelled together when their caller goes away: each running call is
 * interrupted and answered {@code CLIENT_CLOSED_REQUEST}; a call that starts afterwards is
 * cancelled as it starts. Thread-safe.
 */
public final class Cancellation {
  private @Nullable Run first; // most requests have one call: no list for them
  private @Nullable List<Run> more;
  private boolean cancelled;

  /** Cancels every call of the request, now and to come. */
  public void cancel() {
    List<Run> now;
    synchronized (this) {
      if (cancelled) {
        return;
      }
      cancelled = true;
      now = new ArrayList<>(2);
      if (first != null) {
        now.add(first);
      }
      if (more != null) {
        now.addAll(more);
      }
      first = null;
      more = null;
    }
    now.forEach(Run::cancel);
  }

  /** Whether {@link #cancel} was called. */
  public synchronized boolean isCancelled() {
    return cancelled;
  }

  void add(Run run) {
    boolean late;
    synchronized (this) {
      late = cancelled;
      if (!late) {
        if (first == null) {
          first = run;
        } else {
          if (more == null) {
            more = new ArrayList<>();
          }
          more.add(run);
        }
      }
    }
    if (late) {
      run.cancel();
    }
  }

  synchronized void remove(Run run) {
    if (first == run) {
      first = null;
    } else if (more != null) {
      more.remove(run);
    }
  }
}
