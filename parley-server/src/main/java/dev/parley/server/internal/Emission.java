package dev.parley.server.internal;

import dev.parley.ErrorCode;
import dev.parley.Issue;
import dev.parley.ParleyException;
import dev.parley.internal.wire.EventStream;
import dev.parley.server.Sink;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import org.jspecify.annotations.Nullable;

/**
 * The {@link Sink} of one running subscription: checks each value against the output schema and
 * hands it to the transport's {@link Outbound}; cancelled when its {@link Run} is stopped. A value
 * is marked shared unless this sink sent the same object just before, so that what {@link Values}
 * kept for it may be used.
 */
public final class Emission implements Sink<Object> {
  private final Run run;
  private final Outbound outbound;
  private final Values values;
  private final boolean validate;
  private final @Nullable String lastEventId;
  private boolean started;
  private @Nullable Object last; // the value sent last: sent again, it may have changed

  Emission(Run run, Outbound outbound, Values values, boolean validate,
      @Nullable String lastEventId) {
    this.run = run;
    this.outbound = outbound;
    this.values = values;
    this.validate = validate;
    this.lastEventId = lastEventId;
  }

  /** Tells the transport that the subscription started: its handler is about to run. */
  public void start() {
    if (!started) {
      started = true;
      outbound.started();
    }
  }

  @Override
  public void next(Object value) {
    send(null, value);
  }

  @Override
  public void next(String id, Object value) {
    Objects.requireNonNull(id, "id");
    if (!EventStream.isValidId(id)) {
      throw new IllegalArgumentException("event id of " + run.invocation.name()
          + ": at most 128 characters, no line break or NUL");
    }
    send(id, value);
  }

  /**
   * Sends {@code value} tracked by {@code id} only if the transport takes it at once, from any
   * thread while the handler's waits for it (a feed pushing to its followers): the subscription
   * must have {@linkplain #start() started}. When it says false, the handler's thread sends the
   * value with {@link #next(String, Object)}.
   *
   * @throws CancellationException if the subscription was cancelled
   * @throws ParleyException as {@link #next(Object)}
   */
  public boolean offer(String id, Object value) {
    if (!started || !EventStream.isValidId(id)) {
      return false; // the handler's thread starts it, or fails on the id
    }
    boolean shared = check(value);
    boolean taken = outbound.offer(id, value, shared);
    if (taken) {
      last = value;
    }
    return taken;
  }

  /** Whether {@link #offer} may ever say true: whether its transport can tell. */
  public boolean offers() {
    return outbound.offers();
  }

  /** Whether the value is valid (else throws), and whether it is shared. */
  private boolean check(Object value) {
    if (run.isStopped()) {
      throw cancelled();
    }
    boolean shared = value != last;
    if (validate) {
      List<Issue> issues = values.check(value, shared);
      if (!issues.isEmpty()) {
        Failures.LOG.error("{}: the handler's value fails its schema: {}", run.invocation.name(),
            issues);
        throw new ParleyException(ErrorCode.INTERNAL_SERVER_ERROR, "Internal server error");
      }
    }
    return shared;
  }

  private void send(@Nullable String id, Object value) {
    boolean shared = check(value);
    last = value;
    start();
    try {
      outbound.value(id, value, shared);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw cancelled();
    }
  }

  private CancellationException cancelled() {
    return new CancellationException("\"" + run.invocation.name() + "\" was cancelled");
  }

  @Override
  public boolean isCancelled() {
    return run.isStopped();
  }

  @Override
  public Optional<String> lastEventId() {
    return Optional.ofNullable(lastEventId);
  }

  @Override
  public String toString() {
    return "Sink[" + run.invocation.name() + "]";
  }
}
