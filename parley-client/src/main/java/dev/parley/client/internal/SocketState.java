package dev.parley.client.internal;

import dev.parley.client.ConnectionState;
import dev.parley.internal.wire.SocketMessages;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link SocketLink} holds under its one lock: its connection (opening, open, or none while
 * it waits to reconnect), the connections it retired (left to answer their calls after the server
 * asked to reconnect), and its live requests and subscriptions, each with the connection it was
 * sent on. Every decision of which connection a message goes on, or may come from, is made here;
 * sending is queuing ({@link Socket#send}), so nothing blocks under the lock. Timers call back
 * into the link through {@code connect} and {@link #resend}.
 */
final class SocketState {
  /** The most characters of requests sent together as one array frame after a (re)connect. */
  private static final int MAX_BATCH_CHARS = 256 * 1024;

  private final ReentrantLock lock = new ReentrantLock();
  private final Backoff backoff;
  private final Runnable connect;
  private final SocketMessages messages;
  private final @Nullable String connectionParams;
  private @Nullable Socket current;
  private boolean open;
  private final Set<Socket> retired = new HashSet<>();
  private final Map<Long, SocketRequest<?>> requests = new LinkedHashMap<>();
  private final Map<Long, SocketSubscription<?>> subscriptions = new LinkedHashMap<>();
  private int attempt;
  private boolean everOpened;
  private boolean closed;
  private @Nullable ScheduledFuture<?> reconnect;
  /** Parley's hello, said first on every connection once the client listens; null until then. */
  private @Nullable String hello;

  /**
   * @param connect opens a new connection; called on a virtual thread after a backoff delay
   * @param connectionParams the message sent first on every connection, or null for none
   */
  SocketState(Backoff backoff, Runnable connect, SocketMessages messages,
      @Nullable String connectionParams) {
    this.backoff = backoff;
    this.connect = connect;
    this.messages = messages;
    this.connectionParams = connectionParams;
  }

  /** The new current connection {@code fresh}, unless closed or one is current already. */
  boolean connecting(Socket fresh) {
    lock.lock();
    try {
      if (closed || current != null) {
        return false;
      }
      reconnect = null;
      current = fresh;
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Whether {@code socket} is the current connection. */
  boolean isCurrent(Socket socket) {
    lock.lock();
    try {
      return socket == current;
    } finally {
      lock.unlock();
    }
  }

  /** Whether a connection is open now. */
  boolean isOpen() {
    lock.lock();
    try {
      return !closed && open && current != null;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Says {@code hello} on the open connection now, if any and not yet, and first on every later
   * one; returns whether a connection is open (and greeted, now or before).
   */
  boolean greet(String hello) {
    lock.lock();
    try {
      boolean isOpen = !closed && open && current != null;
      if (this.hello == null) {
        this.hello = hello;
        if (isOpen) {
          current.send(hello);
        }
      }
      return isOpen;
    } finally {
      lock.unlock();
    }
  }

  /** Sends {@code message} on the open connection; false when none is open (it is dropped). */
  boolean sendIfOpen(String message) {
    lock.lock();
    try {
      if (closed || !open || current == null) {
        return false;
      }
      current.send(message);
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Takes {@code r} in and sends it when a connection is open; false when closed. */
  boolean place(SocketRequest<?> r) {
    lock.lock();
    try {
      if (closed) {
        return false;
      }
      requests.put(r.id, r);
      if (open && current != null) {
        r.sentOn = current;
        current.send(r.message);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Takes {@code s} in and sends it when a connection is open; false when closed. */
  boolean place(SocketSubscription<?> s) {
    lock.lock();
    try {
      if (closed) {
        return false;
      }
      subscriptions.put(s.id, s);
      if (open && current != null) {
        send(s, current);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Forgets {@code r} (its caller stopped waiting); false when it was not live any more. */
  boolean forget(SocketRequest<?> r) {
    Socket drained;
    lock.lock();
    try {
      if (!requests.remove(r.id, r)) {
        return false;
      }
      drained = drained(r.sentOn);
    } finally {
      lock.unlock();
    }
    if (drained != null) {
      drained.close();
    }
    return true;
  }

  /** Forgets {@code s}, which ended early, and tells the server to stop it. */
  void stop(SocketSubscription<?> s) {
    lock.lock();
    try {
      subscriptions.remove(s.id, s);
      if (s.retry != null) {
        s.retry.cancel(false);
        s.retry = null;
      }
      Socket on = s.sentOn;
      if (on != null && !on.isEnded()) {
        on.send(text(SocketMessages.stop(s.id)));
      }
    } finally {
      lock.unlock();
    }
  }

  /** Takes {@code s} off the live subscriptions: the server ended it. */
  void ended(SocketSubscription<?> s) {
    lock.lock();
    try {
      subscriptions.remove(s.id, s);
    } finally {
      lock.unlock();
    }
  }

  /** Sends {@code s} again after a backoff delay of its own ({@code retryAfter} or more). */
  void retry(SocketSubscription<?> s, @Nullable Duration retryAfter) {
    lock.lock();
    try {
      if (closed || subscriptions.get(s.id) != s) {
        return;
      }
      s.sentOn = null;
      long delay = retryAfter == null ? backoff.delayNanos(s.attempt)
          : backoff.delayNanos(s.attempt, retryAfter);
      s.attempt = s.attempt == Integer.MAX_VALUE ? s.attempt : s.attempt + 1;
      s.retry = Deadlines.schedule(() -> resend(s), delay);
    } finally {
      lock.unlock();
    }
  }

  private void resend(SocketSubscription<?> s) {
    lock.lock();
    try {
      s.retry = null;
      if (!closed && subscriptions.get(s.id) == s && open && current != null) {
        send(s, current);
      }
    } finally {
      lock.unlock();
    }
  }

  /** A value of {@code s} came, tracked by {@code eventId}: what it resumes after. */
  void received(SocketSubscription<?> s, @Nullable String eventId) {
    lock.lock();
    try {
      if (eventId != null) {
        s.resumeFrom = eventId;
      }
      s.attempt = 0;
    } finally {
      lock.unlock();
    }
  }

  /** The live request {@code id} sent on {@code socket}, taken off the live ones; or null. */
  @Nullable SocketRequest<?> answered(Socket socket, long id) {
    Socket drained;
    SocketRequest<?> r;
    lock.lock();
    try {
      r = requests.get(id);
      if (r == null || r.sentOn != socket) {
        return null;
      }
      requests.remove(id);
      heardFrom(socket);
      drained = drained(socket);
    } finally {
      lock.unlock();
    }
    if (drained != null) {
      drained.close();
    }
    return r;
  }

  /** The live subscription {@code id} sent on {@code socket}, or null. */
  @Nullable SocketSubscription<?> subscription(Socket socket, long id) {
    lock.lock();
    try {
      SocketSubscription<?> s = subscriptions.get(id);
      if (s == null || s.sentOn != socket) {
        return null;
      }
      heardFrom(socket);
      return s;
    } finally {
      lock.unlock();
    }
  }

  /**
   * {@code socket} opened: when it is still the current one, sends the connection parameters, then
   * every live subscription (resuming after its last event id) and every waiting request, and
   * returns true; else closes it.
   */
  boolean opened(Socket socket) {
    lock.lock();
    try {
      if (closed || socket != current) {
        socket.close();
        return false;
      }
      open = true;
      everOpened = true;
      if (connectionParams != null) {
        socket.send(connectionParams);
      }
      if (hello != null) {
        socket.send(hello);
      }
      List<String> batch = new ArrayList<>();
      for (SocketSubscription<?> s : subscriptions.values()) {
        if (s.retry != null) {
          continue;
        }
        Socket before = s.sentOn;
        if (before != null && before != socket && !before.isEnded()) {
          before.send(text(SocketMessages.stop(s.id)));
        }
        s.sentOn = socket;
        batch.add(s.request(messages));
      }
      for (SocketRequest<?> r : requests.values()) {
        if (r.sentOn == null) {
          r.sentOn = socket;
          batch.add(r.message);
        }
      }
      sendAll(socket, batch);
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * What {@link #ended} decided.
   *
   * @param failed the requests that fail with the connection: sent on it, or waiting for it when
   *     it never opened
   * @param next the link's state from now, or null when it does not change
   */
  record Loss(List<SocketRequest<?>> failed, @Nullable ConnectionState next) {}

  /**
   * {@code socket} ended: its requests fail, its subscriptions wait to be sent again, and, when
   * it was the current connection, another is opened after a backoff delay.
   */
  Loss ended(Socket socket, boolean opened) {
    lock.lock();
    try {
      boolean wasCurrent = socket == current;
      retired.remove(socket);
      List<SocketRequest<?>> failed = new ArrayList<>();
      for (SocketRequest<?> r : requests.values()) {
        if (r.sentOn == socket || (wasCurrent && !opened && r.sentOn == null)) {
          failed.add(r);
        }
      }
      failed.forEach(r -> requests.remove(r.id));
      for (SocketSubscription<?> s : subscriptions.values()) {
        if (s.sentOn == socket) {
          s.sentOn = null;
        }
      }
      if (!wasCurrent || closed) {
        return new Loss(failed, null);
      }
      current = null;
      open = false;
      long delay = backoff.delayNanos(attempt);
      attempt = attempt == Integer.MAX_VALUE ? attempt : attempt + 1;
      reconnect = Deadlines.schedule(() -> Thread.startVirtualThread(connect), delay);
      return new Loss(failed,
          everOpened ? ConnectionState.RECONNECTING : ConnectionState.CONNECTING);
    } finally {
      lock.unlock();
    }
  }

  /**
   * The server asked to reconnect on {@code socket}: when it is the current connection, it is
   * retired (closed once its requests are answered) and another opened after a short random
   * delay; returns whether it was.
   */
  boolean reconnectRequested(Socket socket) {
    Socket drained;
    lock.lock();
    try {
      if (closed || socket != current) {
        return false;
      }
      current = null;
      open = false;
      retired.add(socket);
      drained = drained(socket);
      reconnect = Deadlines.schedule(() -> Thread.startVirtualThread(connect),
          backoff.delayNanos(0));
    } finally {
      lock.unlock();
    }
    if (drained != null) {
      drained.close();
    }
    return true;
  }

  /**
   * Asks every connection to read again, after a lagging listener caught up. Outside the lock: the
   * JDK may read the next message on this very thread.
   */
  void resumeReading() {
    List<Socket> sockets;
    lock.lock();
    try {
      sockets = new ArrayList<>(retired);
      if (current != null) {
        sockets.add(current);
      }
    } finally {
      lock.unlock();
    }
    sockets.forEach(Socket::resume);
  }

  /**
   * What was live when the link closed.
   *
   * @param requests the requests not answered
   * @param subscriptions the live subscriptions
   * @param sockets the connections, current and retired
   */
  record Closing(List<SocketRequest<?>> requests, List<SocketSubscription<?>> subscriptions,
      List<Socket> sockets) {}

  /** Closes the state: nothing is taken in any more. Null when it was closed already. */
  @Nullable Closing close() {
    lock.lock();
    try {
      if (closed) {
        return null;
      }
      closed = true;
      List<Socket> sockets = new ArrayList<>(retired);
      if (current != null) {
        sockets.add(current);
      }
      Closing c = new Closing(new ArrayList<>(requests.values()),
          new ArrayList<>(subscriptions.values()), sockets);
      for (SocketSubscription<?> s : subscriptions.values()) {
        if (s.retry != null) {
          s.retry.cancel(false);
        }
      }
      requests.clear();
      subscriptions.clear();
      current = null;
      open = false;
      if (reconnect != null) {
        reconnect.cancel(false);
      }
      return c;
    } finally {
      lock.unlock();
    }
  }

  /** A message for a live call came on {@code socket}: the count of attempts starts over. */
  private void heardFrom(Socket socket) {
    if (socket == current) {
      attempt = 0;
    }
  }

  /** Sends {@code s} on {@code socket}, resuming after its last event id. */
  private void send(SocketSubscription<?> s, Socket socket) {
    s.sentOn = socket;
    socket.send(s.request(messages));
  }

  /** {@code socket} when it is retired and no request waits on it any more. */
  private @Nullable Socket drained(@Nullable Socket socket) {
    if (socket == null || !retired.contains(socket)) {
      return null;
    }
    for (SocketRequest<?> r : requests.values()) {
      if (r.sentOn == socket) {
        return null;
      }
    }
    return socket;
  }

  /** Sends {@code batch} as few array frames, each at most {@link #MAX_BATCH_CHARS} or one message. */
  private static void sendAll(Socket socket, List<String> batch) {
    StringBuilder frame = new StringBuilder();
    int inFrame = 0;
    for (String m : batch) {
      if (inFrame > 0 && frame.length() + m.length() + 2 > MAX_BATCH_CHARS) {
        socket.send(inFrame == 1 ? frame.substring(1) : frame.append(']').toString());
        frame.setLength(0);
        inFrame = 0;
      }
      frame.append(inFrame == 0 ? '[' : ',').append(m);
      inFrame++;
    }
    if (inFrame > 0) {
      socket.send(inFrame == 1 ? frame.substring(1) : frame.append(']').toString());
    }
  }

  /** The {@code method} of a request for {@code procedure}: query, mutation or subscription. */
  static String method(dev.parley.Procedure<?, ?, ?> procedure) {
    return procedure.kind().name().toLowerCase(java.util.Locale.ROOT);
  }

  static String text(byte[] utf8) {
    return new String(utf8, StandardCharsets.UTF_8);
  }
}
