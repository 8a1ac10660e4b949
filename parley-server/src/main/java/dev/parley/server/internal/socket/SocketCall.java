package dev.parley.server.internal.socket;

import dev.parley.ErrorCode;
import dev.parley.internal.wire.SocketMessages;
import dev.parley.server.internal.Answer;
import dev.parley.server.internal.Caller;
import dev.parley.server.internal.Cancellation;
import dev.parley.server.internal.Invocation;
import dev.parley.server.internal.Outbound;
import dev.parley.server.internal.Pipeline;
import dev.parley.server.internal.Stream;
import dev.parley.server.internal.Values;
import java.util.concurrent.CancellationException;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * One call live on a connection, from its request to its last message: a query's or mutation's
 * result or error, or a subscription's {@code started}, values, and {@code stopped} or error. Its
 * messages are queued in order, none after the last: a value racing the end is dropped.
 */
final class SocketCall implements Outbound, Outbox.Source {
  private final SocketConnection connection;
  private final Message.Call request;
  private final Outbox outbox; // the connection's, read once: a fan-out touches little per call
  private final byte[] id;
  private final Cancellation cancellation = new Cancellation();
  private static final Values.Framing TAIL = SocketMessages::valueTail;

  private final @Nullable Values values;
  private final ReentrantLock order = new ReentrantLock();
  // written under order, before the last message is queued; read by offer under the queue's lock
  private volatile boolean ended;
  private volatile boolean stopRequested;
  private volatile boolean silenced;

  /**
   * A call of {@code request} on {@code connection}.
   *
   * @param values the values of the subscription it names, null when it names none
   */
  SocketCall(SocketConnection connection, Message.Call request, @Nullable Values values) {
    this.connection = connection;
    this.request = request;
    this.outbox = connection.outbox();
    this.id = request.id();
    this.values = values;
  }

  /** Its key among the connection's live calls. */
  String key() {
    return request.key();
  }

  /** Whether it was asked for as a subscription. */
  boolean isSubscription() {
    return request.method().equals("subscription");
  }

  /** The pipeline's invocation of it by {@code caller}, with the server's deadline for a unary call. */
  Invocation invocation(Pipeline pipeline, Caller caller) {
    if (isSubscription()) {
      return new Invocation(request.path(), null, request.input(), caller, request.method(), 0, 0,
          cancellation, new Stream(this, request.lastEventId()));
    }
    long budget = pipeline.budget(0);
    return new Invocation(request.path(), null, request.input(), caller, request.method(), budget,
        System.nanoTime() + budget, cancellation);
  }

  /** The client stopped it: it ends with {@code stopped}. */
  void stop() {
    stopRequested = true;
    cancellation.cancel();
  }

  /** Ends it without a last message: its connection closes, or asks its client to reconnect. */
  void silence() {
    silenced = true;
    cancellation.cancel();
  }

  @Override
  public void started() {
    send(SocketMessages.started(id), false);
  }

  @Override
  public void value(@Nullable String eventId, @Nullable Object value, boolean shared)
      throws InterruptedException {
    byte[] message = message(eventId, value, shared);
    order.lockInterruptibly();
    try {
      if (ended || !outbox.putSoon(message)) {
        throw closed();
      }
    } finally {
      order.unlock();
    }
  }

  @Override
  public boolean offers() {
    return true;
  }

  @Override
  public boolean offer(@Nullable String eventId, @Nullable Object value, boolean shared) {
    // no lock of the call's own: the queue asks ended() under its lock (see Outbox.offer), so a
    // value lands before the call's last message or not at all, while a fan-out touches little
    if (outbox.offer(message(eventId, value, shared), this)) {
      return true;
    }
    if (ended || outbox.isClosed()) { // asked only when refused
      throw closed();
    }
    return false;
  }

  @Override
  public boolean ended() {
    return ended;
  }

  /** The message of one value: its JSON and frame kept for every subscriber, then this call's id. */
  private byte[] message(@Nullable String eventId, @Nullable Object value, boolean shared) {
    Values v = values;
    if (v == null) {
      throw new IllegalStateException(request.path() + " is not a subscription");
    }
    return SocketMessages.withId(id, v.frame(v.json(value, shared), eventId, TAIL,
        shared));
  }

  private CancellationException closed() {
    return new CancellationException("\"" + request.path() + "\": the connection is closed");
  }

  /** The pipeline's answer: the call's last message, unless it was silenced. */
  void answered(Answer answer) {
    connection.release(this);
    byte[] last = switch (answer) {
      case Answer.Success s -> isSubscription() ? SocketMessages.stopped(id)
          : connection.replies().result(id, s);
      case Answer.Failure f -> {
        if (silenced) {
          yield null;
        }
        if (stopRequested && f.error().code() == ErrorCode.CLIENT_CLOSED_REQUEST) {
          yield SocketMessages.stopped(id);
        }
        yield connection.replies().error(id, f.error(), f.name());
      }
    };
    if (last == null) {
      order.lock();
      ended = true;
      order.unlock();
    } else {
      send(last, true);
    }
    connection.settled(this);
  }

  private void send(byte[] message, boolean last) {
    order.lock();
    try {
      if (ended) {
        return;
      }
      ended = last;
      outbox.put(message);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      order.unlock();
    }
  }
}
