package dev.parley.client.internal;

import dev.parley.Contract;
import dev.parley.Descriptor;
import dev.parley.ErrorCode;
import dev.parley.Mutation;
import dev.parley.ParleyException;
import dev.parley.Procedure;
import dev.parley.Subscription;
import dev.parley.SubscriptionListener;
import dev.parley.Unary;
import dev.parley.client.ClientOptions;
import dev.parley.client.ClientSubscription;
import dev.parley.client.ConnectionState;
import dev.parley.client.MutationResult;
import dev.parley.client.ParleyClientException;
import dev.parley.internal.json.JsonCodec;
import dev.parley.internal.wire.SocketMessages;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The link over one WebSocket, speaking tRPC v11's {@code wsLink} messages ({@link
 * SocketMessages}): queries, mutations and subscriptions multiplexed by id on one connection
 * ({@link Socket}), which it opens at once and keeps open.
 *
 * <ul>
 *   <li>Each request gets the next id; an answer is matched by id and by the connection it came
 *       on. A message that is not JSON, or names an id that is not live on that connection (late
 *       answers of timed-out calls, messages of stopped subscriptions), is logged and dropped.
 *   <li>With {@code connectionParams}, the URL says {@code ?connectionParams=1} and their message
 *       is the first on every connection.
 *   <li>When the connection is lost, the link opens another after {@link Backoff}'s delay (the
 *       count of attempts starts over once a connection answered something), and sends every live
 *       subscription again with {@code params.lastEventId}, the id of the last value received.
 *       Queries and mutations sent on the lost connection fail with SERVICE_UNAVAILABLE (a
 *       mutation may or may not have run); those made while there is none wait for the next
 *       attempt, and fail with it if it fails.
 *   <li>When the server asks clients to {@code reconnect} (it is going away), the link moves to a
 *       new connection after a short random delay, and leaves the old one to answer the calls in
 *       flight on it before it closes it.
 *   <li>A subscription that ends with an error worth retrying ({@link Backoff#retryable}) is sent
 *       again after a backoff delay of its own; any other error ends it.
 *   <li>Listeners are called through each subscription's {@link Backlog}, never on the
 *       connection's thread; answers complete on virtual threads.
 * </ul>
 *
 * One lock guards the connection state and the live requests and subscriptions; nothing blocks
 * under it.
 */
public final class SocketLink implements Link, Socket.Events {
  /** Levels of JSON around an output: the frame's array, the message, its result, a tracked value. */
  private static final int ENVELOPE_DEPTH = 4;
  /** The most characters of requests sent together as one array frame after a (re)connect. */
  private static final int MAX_BATCH_CHARS = 256 * 1024;

  private final String base;
  private final URI uri;
  private final Map<String, Procedure<?, ?, ?>> procedures;
  private final HttpClient http;
  private final String[] headers;
  private final @Nullable String connectionParams;
  private final Duration connectTimeout;
  private final Duration pingInterval;
  private final Duration pongTimeout;
  private final int maxQueuedValues;
  private final Backoff backoff;
  private final JsonCodec writer = JsonCodec.standard();
  private final JsonCodec reader =
      new JsonCodec(JsonCodec.DEFAULT_MAX_NESTING_DEPTH + ENVELOPE_DEPTH);
  private final SocketMessages messages = new SocketMessages(writer);
  private final AtomicLong ids = new AtomicLong();
  private final ConnectionStates states = new ConnectionStates(ConnectionState.CONNECTING);
  private final Set<LinkSubscription<?>> live = ConcurrentHashMap.newKeySet();
  private final Backlog.Pressure pressure =
      new Backlog.Pressure(new AtomicInteger(), this::resumeReading);

  private final ReentrantLock lock = new ReentrantLock();
  private @Nullable Socket current;
  private boolean open;
  private final Set<Socket> retired = new HashSet<>();
  private final Map<Long, SocketRequest<?>> requests = new LinkedHashMap<>();
  private final Map<Long, SocketSubscription<?>> subscriptions = new LinkedHashMap<>();
  private int attempt;
  private boolean everOpened;
  private boolean closed;
  private @Nullable ScheduledFuture<?> reconnect;

  /**
   * A link to the server at {@code base} for the procedures of {@code contract}; it starts
   * connecting at once.
   *
   * @throws IllegalArgumentException when {@code base} is not an absolute ws(s) URI without query
   *     or fragment, or a header of {@code options} may not be set on a WebSocket upgrade
   */
  public SocketLink(URI base, Contract contract, ClientOptions options) {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(contract, "contract");
    Objects.requireNonNull(options, "options");
    String scheme = base.getScheme();
    if (!("ws".equalsIgnoreCase(scheme) || "wss".equalsIgnoreCase(scheme))
        || base.getRawQuery() != null || base.getRawFragment() != null || base.getHost() == null) {
      throw new IllegalArgumentException(
          "base: " + base + " (expected: a ws or wss URI without query or fragment)");
    }
    String b = base.toString();
    this.base = b.endsWith("/") && b.length() > 1 ? b.substring(0, b.length() - 1) : b;
    Map<String, Procedure<?, ?, ?>> byName = new HashMap<>();
    for (Descriptor<?> d : contract.descriptors()) {
      if (d instanceof Procedure<?, ?, ?> p) {
        byName.put(p.name(), p);
      }
    }
    this.procedures = Map.copyOf(byName);
    this.connectionParams = options.connectionParams().isEmpty() ? null
        : text(messages.connectionParams(options.connectionParams()));
    this.uri = URI.create(connectionParams == null ? this.base
        : this.base + "?" + SocketMessages.CONNECTION_PARAMS_QUERY);
    this.headers = headers(options.headers());
    HttpClient.Builder builder = HttpClient.newBuilder();
    if (!options.connectTimeout().isZero()) {
      builder.connectTimeout(options.connectTimeout());
    }
    this.http = builder.build();
    WebSocket.Builder check = http.newWebSocketBuilder();
    for (int i = 0; i < headers.length; i += 2) {
      check.header(headers[i], headers[i + 1]); // refuses restricted ones now
    }
    this.connectTimeout = options.connectTimeout();
    this.pingInterval = options.pingInterval();
    this.pongTimeout = options.pongTimeout();
    this.maxQueuedValues = options.maxQueuedValues();
    this.backoff = new Backoff(options);
    connect();
  }

  // ---- calls ----

  @Override
  public <I, O> O call(Unary<?, I, O> procedure, @Nullable I input, Duration timeout) {
    return Failures.await(this.<O>request(procedure, input, timeout, false), procedure.name());
  }

  @Override
  public <I, O> CompletableFuture<O> callAsync(
      Unary<?, I, O> procedure, @Nullable I input, Duration timeout) {
    return request(procedure, input, timeout, false);
  }

  @Override
  public <I, O> MutationResult<O> mutate(
      Mutation<?, I, O> mutation, @Nullable I input, Duration timeout) {
    return Failures.await(this.<MutationResult<O>>request(mutation, input, timeout, true),
        mutation.name());
  }

  @Override
  public <I, O> CompletableFuture<MutationResult<O>> mutateAsync(
      Mutation<?, I, O> mutation, @Nullable I input, Duration timeout) {
    return request(mutation, input, timeout, true);
  }

  private <T> CompletableFuture<T> request(Unary<?, ?, ?> procedure, @Nullable Object input,
      Duration timeout, boolean whole) {
    check(procedure);
    byte[] json;
    try {
      json = input == null ? null : writer.encode(input);
    } catch (ParleyException e) {
      return CompletableFuture.failedFuture(unwritable(procedure, e));
    }
    long id = ids.incrementAndGet();
    SocketRequest<T> r = new SocketRequest<>(this, id, procedure,
        text(messages.request(id, method(procedure), procedure.name(), json, null)), whole);
    lock.lock();
    try {
      if (closed) {
        return CompletableFuture.failedFuture(Failures.closed(procedure.name()));
      }
      requests.put(id, r);
      if (open && current != null) {
        r.sentOn = current;
        current.send(r.message);
      }
      if (!timeout.isZero()) {
        long nanos = timeout.toNanos();
        r.timer = Deadlines.schedule(() -> expire(r, nanos), nanos);
      }
    } finally {
      lock.unlock();
    }
    return r;
  }

  private void expire(SocketRequest<?> r, long nanos) {
    if (forget(r)) {
      r.fail(Failures.timeout(r.name(), nanos));
    }
  }

  /** Its caller stopped waiting: the request is forgotten (its answer, if any, dropped). */
  void abandon(SocketRequest<?> r) {
    forget(r);
  }

  /** Takes {@code r} off the live requests; false when it was not there any more. */
  private boolean forget(SocketRequest<?> r) {
    Socket retire;
    lock.lock();
    try {
      if (!requests.remove(r.id, r)) {
        return false;
      }
      retire = drained(r.sentOn);
    } finally {
      lock.unlock();
    }
    stopTimer(r);
    if (retire != null) {
      retire.close();
    }
    return true;
  }

  // ---- subscriptions ----

  @Override
  public <I, O> ClientSubscription subscribe(
      Subscription<?, I, O> subscription, @Nullable I input, SubscriptionListener<O> listener) {
    check(subscription);
    byte[] json;
    try {
      json = input == null ? null : writer.encode(input);
    } catch (ParleyException e) {
      return LinkSubscription.failed(subscription.name(), listener, unwritable(subscription, e));
    }
    SocketSubscription<O> s = new SocketSubscription<>(this, ids.incrementAndGet(), subscription,
        json, listener, live, new Backlog(maxQueuedValues, pressure));
    boolean refused;
    lock.lock();
    try {
      refused = closed;
      if (!closed) {
        subscriptions.put(s.id, s);
        if (open && current != null) {
          send(s, current);
        }
      }
    } finally {
      lock.unlock();
    }
    if (refused) {
      s.linkClosed(Failures.closed(subscription.name()));
    }
    return s;
  }

  /** {@code s} ended early (stopped, or its listener threw): the server is told to stop it. */
  void stopped(SocketSubscription<?> s) {
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

  /** Sends {@code s} on {@code socket}, resuming after its last event id; under the lock. */
  private void send(SocketSubscription<?> s, Socket socket) {
    s.sentOn = socket;
    socket.send(subscribeMessage(s));
  }

  private String subscribeMessage(SocketSubscription<?> s) {
    return text(messages.request(s.id, method(s.subscription), s.subscription.name(), s.input,
        s.resumeFrom));
  }

  /** Sends {@code s} again after an error worth retrying, if it is still live. */
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

  // ---- the connection ----

  private void connect() {
    Socket s;
    lock.lock();
    try {
      if (closed || current != null) {
        return;
      }
      reconnect = null;
      s = new Socket(this, pingInterval, pongTimeout);
      current = s;
    } finally {
      lock.unlock();
    }
    s.open(http, uri, headers, connectTimeout);
  }

  @Override
  public void opened(Socket socket) {
    lock.lock();
    try {
      if (closed || socket != current) {
        socket.close();
        return;
      }
      open = true;
      everOpened = true;
      if (connectionParams != null) {
        socket.send(connectionParams);
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
        batch.add(subscribeMessage(s));
      }
      for (SocketRequest<?> r : requests.values()) {
        if (r.sentOn == null) {
          r.sentOn = socket;
          batch.add(r.message);
        }
      }
      sendAll(socket, batch);
    } finally {
      lock.unlock();
    }
    states.set(ConnectionState.OPEN, null);
  }

  @Override
  public void ended(Socket socket, ParleyClientException cause, boolean opened) {
    List<SocketRequest<?>> failed = new ArrayList<>();
    ConnectionState next = null;
    lock.lock();
    try {
      boolean wasCurrent = socket == current;
      retired.remove(socket);
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
      if (wasCurrent && !closed) {
        current = null;
        open = false;
        long delay = backoff.delayNanos(attempt);
        attempt = attempt == Integer.MAX_VALUE ? attempt : attempt + 1;
        reconnect = Deadlines.schedule(this::connect, delay);
        next = everOpened ? ConnectionState.RECONNECTING : ConnectionState.CONNECTING;
      }
    } finally {
      lock.unlock();
    }
    for (SocketRequest<?> r : failed) {
      stopTimer(r);
      r.fail(new ParleyClientException(ErrorCode.SERVICE_UNAVAILABLE,
          r.name() + ": " + cause.getMessage(), 0, cause));
    }
    if (next != null) {
      ClientLog.LOG.log(Level.DEBUG, "{0}: {1}; reconnecting", base, cause.getMessage());
      states.set(next, cause);
    }
  }

  /** The server asked to reconnect: move to a new connection, let the old one finish its calls. */
  private void reconnectRequested(Socket socket) {
    Socket retire;
    lock.lock();
    try {
      if (closed || socket != current) {
        return;
      }
      current = null;
      open = false;
      retired.add(socket);
      retire = drained(socket);
      reconnect = Deadlines.schedule(this::connect, backoff.delayNanos(0));
    } finally {
      lock.unlock();
    }
    if (retire != null) {
      retire.close();
    }
    states.set(ConnectionState.RECONNECTING, new ParleyClientException(
        ErrorCode.SERVICE_UNAVAILABLE, "the server asked its clients to reconnect", 0, null));
  }

  /** {@code socket} when it is retired and no request waits on it any more; under the lock. */
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

  @Override
  public boolean overloaded() {
    return pressure.isOverloaded();
  }

  private void resumeReading() {
    lock.lock();
    try {
      if (current != null) {
        current.resume();
      }
      retired.forEach(Socket::resume);
    } finally {
      lock.unlock();
    }
  }

  // ---- reading ----

  @Override
  public void message(Socket socket, String text) {
    JsonNode frame;
    try {
      frame = reader.parse(text);
    } catch (ParleyException e) {
      ClientLog.LOG.log(Level.WARNING, "{0}: dropped a message that is not JSON ({1})", base,
          e.getMessage());
      return;
    }
    for (JsonNode node : SocketMessages.messages(frame)) {
      if (!node.isObject()) {
        ClientLog.LOG.log(Level.WARNING, "{0}: dropped a message that is not an object", base);
        continue;
      }
      SocketAnswers.dispatch(this, socket, SocketMessages.Response.read(node));
    }
  }

  @Override
  public ConnectionStates states() {
    return states;
  }

  @Override
  public void close() {
    List<SocketRequest<?>> pending;
    List<SocketSubscription<?>> subs;
    List<Socket> sockets = new ArrayList<>();
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      pending = new ArrayList<>(requests.values());
      subs = new ArrayList<>(subscriptions.values());
      requests.clear();
      subscriptions.clear();
      if (current != null) {
        sockets.add(current);
      }
      sockets.addAll(retired);
      current = null;
      open = false;
      if (reconnect != null) {
        reconnect.cancel(false);
      }
    } finally {
      lock.unlock();
    }
    for (SocketRequest<?> r : pending) {
      stopTimer(r);
      r.fail(Failures.closed(r.name()));
    }
    for (SocketSubscription<?> s : subs) {
      s.linkClosed(Failures.closed(s.name()));
    }
    sockets.forEach(Socket::close);
    Deadlines.schedule(() -> {
      ParleyClientException gone = Failures.closed("the connection");
      sockets.forEach(s -> s.abort(gone));
      http.shutdownNow();
    }, pongTimeout.toNanos());
    states.set(ConnectionState.CLOSED, null);
  }

  @Override
  public String toString() {
    return "SocketLink[" + base + "]";
  }

  // ---- for SocketAnswers, under no lock ----

  /** The live request {@code id} sent on {@code socket}, taken off the live ones; or null. */
  @Nullable SocketRequest<?> answered(Socket socket, long id) {
    Socket retire;
    SocketRequest<?> r;
    lock.lock();
    try {
      r = requests.get(id);
      if (r == null || r.sentOn != socket) {
        return null;
      }
      requests.remove(id);
      if (socket == current) {
        attempt = 0;
      }
      retire = drained(socket);
    } finally {
      lock.unlock();
    }
    stopTimer(r);
    if (retire != null) {
      retire.close();
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
      if (socket == current) {
        attempt = 0;
      }
      return s;
    } finally {
      lock.unlock();
    }
  }

  /** A value of {@code s} came with {@code eventId}: what a resend resumes after. */
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

  /** {@code s} ended on the server (completed, or failed for good): it is no longer live. */
  void ended(SocketSubscription<?> s) {
    lock.lock();
    try {
      subscriptions.remove(s.id, s);
    } finally {
      lock.unlock();
    }
  }

  /** {@code s} failed with an error worth retrying: it is sent again after a backoff delay. */
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

  /** The server asked to reconnect on {@code socket}. */
  void reconnect(Socket socket) {
    reconnectRequested(socket);
  }

  /** Whether {@code id} is one this link gave out (a late message) rather than a stranger. */
  boolean issued(long id) {
    return id > 0 && id <= ids.get();
  }

  JsonCodec reader() {
    return reader;
  }

  String base() {
    return base;
  }

  // ---- helpers ----

  private void check(Procedure<?, ?, ?> procedure) {
    Procedure<?, ?, ?> p = procedures.get(procedure.name());
    if (p == null || (p != procedure && !p.equals(procedure))) {
      throw new IllegalArgumentException(
          procedure + " is not in this client's contract (or differs from the contract's)");
    }
  }

  private static String method(Procedure<?, ?, ?> procedure) {
    return procedure.kind().name().toLowerCase(Locale.ROOT);
  }

  private static ParleyClientException unwritable(Procedure<?, ?, ?> procedure, ParleyException e) {
    return new ParleyClientException(ErrorCode.BAD_REQUEST,
        procedure.name() + ": the input cannot be written as JSON", 0, e.getCause());
  }

  private static void stopTimer(SocketRequest<?> r) {
    ScheduledFuture<?> t = r.timer;
    if (t != null) {
      t.cancel(false);
    }
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

  private static String text(byte[] utf8) {
    return new String(utf8, StandardCharsets.UTF_8);
  }

  private static String[] headers(Map<String, String> headers) {
    String[] pairs = new String[headers.size() * 2];
    int i = 0;
    for (Map.Entry<String, String> h : headers.entrySet()) {
      pairs[i++] = h.getKey();
      pairs[i++] = h.getValue();
    }
    return pairs;
  }
}
