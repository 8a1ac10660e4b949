package dev.parley.server.internal;

import dev.parley.ErrorCode;
import dev.parley.ParleyException;
import dev.parley.internal.wire.Envelopes;
import dev.parley.internal.wire.EventStream;
import dev.parley.internal.wire.WireError;
import dev.parley.server.Responder;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * One subscription served as Server-Sent Events ({@link EventStream}): opened with {@code
 * connected}, a value per event, {@code ping} while idle, closed with {@code return} or {@code
 * serialized-error}. Each write blocks its thread until the transport took it, so a client that
 * does not read holds one event in the server's memory, and its handler, until the transport's
 * idle timeout fails the write and the subscription is cancelled.
 */
final class SseStream implements Outbound {
  private static final Values.Framing EVENT = (json, id) -> EventStream.value(json, id);
  private final Responder.ResponseStream out;
  private final Cancellation cancellation;
  private final Envelopes envelopes;
  private final Values values;
  private final String name;
  private final ReentrantLock lock = new ReentrantLock();
  private final Heartbeats.Beat beat;
  private boolean closed;

  SseStream(Responder responder, Cancellation cancellation, Pipeline pipeline, Values values,
      String name) {
    this.cancellation = cancellation;
    this.envelopes = new Envelopes(pipeline.codec());
    this.values = values;
    this.name = name;
    Duration keepAlive = pipeline.options().keepAlive();
    this.out = responder.stream(200, EventStream.HEADERS);
    write(EventStream.connected(keepAlive.isZero() ? 0 : keepAlive.multipliedBy(3).toMillis()));
    this.beat = pipeline.heartbeats().every(keepAlive, () -> write(EventStream.ping()));
  }

  @Override
  public void started() {
    // the connected event went first; tRPC's SSE wire has no separate start
  }

  @Override
  public void value(@Nullable String id, @Nullable Object value, boolean shared) {
    byte[] json = values.json(value, shared);
    if (!write(values.frame(json, id, EVENT, shared))) {
      throw new CancellationException("\"" + name + "\": the client went away");
    }
  }

  /** Ends the stream with the subscription's answer. */
  void end(Answer answer) {
    beat.cancel();
    byte[] last = switch (answer) {
      case Answer.Success s -> EventStream.completed();
      case Answer.Failure f -> f.error().code() == ErrorCode.CLIENT_CLOSED_REQUEST
          && cancellation.isCancelled() ? null : failed(f.error());
    };
    lock.lock();
    try {
      if (closed) {
        return;
      }
      if (last != null) {
        writeLocked(last);
      }
      closed = true;
      out.close();
    } catch (RuntimeException e) {
      closed = true;
      Failures.LOG.debug("{}: the stream could not be ended", name, e);
    } finally {
      lock.unlock();
    }
  }

  private byte[] failed(ParleyException e) {
    WireError described = Failures.describe(envelopes, e, name);
    return EventStream.failed(envelopes.errorShape(described));
  }

  /** Writes {@code event}; false when the stream is closed or the client gone. */
  private boolean write(byte[] event) {
    lock.lock();
    try {
      if (closed) {
        return false;
      }
      return writeLocked(event);
    } finally {
      lock.unlock();
    }
  }

  private boolean writeLocked(byte[] event) {
    try {
      out.write(event);
      return true;
    } catch (RuntimeException e) {
      closed = true;
      Failures.LOG.debug("{}: the client went away", name, e);
      cancellation.cancel();
      return false;
    }
  }
}
