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
import dev.parley.internal.wire.ParleyMessages;
import dev.parley.internal.wire.SocketClose;
import dev.parley.internal.wire.SocketMessages;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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
 *   <li>When the server refused the credentials (an {@code UNAUTHORIZED} or {@code FORBIDDEN}
 *       naming no request, then {@code 1008}), the link does not reconnect, since it would send
 *       them again: it closes, and everything live and every later call fails with that error.
 *   <li>When the server asks clients to {@code reconnect} (it is going away), the link moves to a
 *       new connection after a short random delay, and leaves the old one to answer the calls in
 *       flight on it before it closes it.
 *   <li>A subscription that ends with an error worth retrying ({@link Backoff#retryable}) is sent
 *       again after a backoff delay of its own; any other error ends it.
 *   <li>Listeners are called through each subscription's {@link Backlog}, never on the
 *       connection's thread; answers complete on virtual threads.
 * </ul>
 *
 * The live requests and subscriptions and the connections they went on are its {@link
 * SocketState}, under one lock.
 */
public final class SocketLink extends AsyncLink implements Socket.Events {
  /** Levels of JSON around an output: the frame's array, the message, its result, a tracked value. */
  private static final int ENVELOPE_DEPTH = 4;

  private final String base;
  private final URI uri;
  private final Map<String, Procedure<?, ?, ?>> procedures;
  private final HttpClient http;
  private final String[] headers;
  private final Duration connectTimeout;
  private final Duration pingInterval;
  private final Duration pongTimeout;
  private final int maxQueuedValues;
  private final JsonCodec writer = JsonCodec.standard();
  private final JsonCodec reader =
      new JsonCodec(JsonCodec.DEFAULT_MAX_NESTING_DEPTH + ENVELOPE_DEPTH);
  private final SocketMessages messages = new SocketMessages(writer);
  private final AtomicLong ids = new AtomicLong();
  private final ConnectionStates states = new ConnectionStates(ConnectionState.CONNECTING);
  private final Set<LinkSubscription<?>> live = ConcurrentHashMap.newKeySet();
  private final Backlog.Pressure pressure;
  private final SocketState state;
  private volatile @Nullable Pushes pushes;
  private final Realtime realtime;
  private final SocketChannels channels;
  private final SocketTopics topics;
  private final java.util.concurrent.atomic.AtomicBoolean everOpened =
      new java.util.concurrent.atomic.AtomicBoolean();
  /** Why the server refused this client for good, once it did. */
  private volatile @Nullable ParleyClientException refusal;

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
    this.base = base(base, "ws", "wss");
    Map<String, Procedure<?, ?, ?>> byName = new HashMap<>();
    for (Descriptor<?> d : contract.descriptors()) {
      if (d instanceof Procedure<?, ?, ?> p) {
        byName.put(p.name(), p);
      }
    }
    this.procedures = Map.copyOf(byName);
    String params = options.connectionParams().isEmpty() ? null
        : SocketState.text(messages.connectionParams(options.connectionParams()));
    this.uri = URI.create(params == null ? this.base
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
    this.state = new SocketState(new Backoff(options), this::connect, messages, params);
    this.channels = new SocketChannels(writer, reader, this.base);
    this.topics = new SocketTopics(writer, reader);
    this.pressure = new Backlog.Pressure(new AtomicInteger(), state::resumeReading);
    this.realtime = new Realtime(contract, new Realtime.Wire() {
      @Override
      public void greet() {
        state.greet(ParleyMessages.hello());
      }

      @Override
      public boolean send(String message) {
        return state.sendIfOpen(message);
      }
    }, writer, this.base);
    connect();
  }

  // ---- calls ----

  @Override
  <T> CompletableFuture<T> start(Unary<?, ?, ?> procedure, @Nullable Object input,
      Duration timeout, boolean whole) {
    check(procedure);
    byte[] json;
    try {
      json = input == null ? null : writer.encode(input);
    } catch (ParleyException e) {
      return CompletableFuture.failedFuture(unwritable(procedure, e));
    }
    long id = ids.incrementAndGet();
    SocketRequest<T> r = new SocketRequest<>(this, id, procedure, SocketState.text(
        messages.request(id, SocketState.method(procedure), procedure.name(), json, null)), whole);
    if (!state.place(r)) {
      return CompletableFuture.failedFuture(whyClosed(procedure.name()));
    }
    if (!timeout.isZero()) {
      long nanos = timeout.toNanos();
      r.timer = Deadlines.schedule(() -> {
        if (state.forget(r)) {
          r.fail(Failures.timeout(r.name(), nanos));
        }
      }, nanos);
    }
    return r;
  }

  /** Its caller stopped waiting: the request is forgotten (its answer, if any, dropped). */
  void abandon(SocketRequest<?> r) {
    if (state.forget(r)) {
      stopTimer(r);
    }
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
    if (!state.place(s)) {
      s.linkClosed(whyClosed(subscription.name()));
    }
    return s;
  }

  /** {@code s} ended early (stopped, or its listener threw): the server is told to stop it. */
  void stopped(SocketSubscription<?> s) {
    state.stop(s);
  }

  // ---- the connection ----

  private void connect() {
    Socket s = new Socket(this, pingInterval, pongTimeout);
    if (state.connecting(s)) {
      s.open(http, uri, headers, connectTimeout);
    }
  }

  @Override
  public void opened(Socket socket) {
    if (state.opened(socket)) {
      boolean again = everOpened.getAndSet(true);
      Pushes p = pushes;
      if (p != null) {
        p.connected(again);
      }
      realtime.connected();
      channels.opened(socket);
      topics.opened(socket);
      states.set(ConnectionState.OPEN, null);
    }
  }

  // ---- Parley's messages: channels ----

  @Override
  public <SM> dev.parley.client.ChannelConnection<Object> connect(
      dev.parley.Channel<?, ?, ?, ?, ?, SM> channel, @Nullable Object params,
      @Nullable Object request, java.util.function.Consumer<? super SM> onMessage,
      java.util.function.Consumer<? super ParleyClientException> onError, Duration timeout) {
    if (state.greet(ParleyMessages.hello())) {
      Pushes p = pushes;
      if (p != null) {
        p.connected(false);
      }
    }
    return channels.connect(channel, params, request, onMessage, onError, timeout.toNanos());
  }

  @Override
  public <M> dev.parley.client.TopicSubscription subscribe(dev.parley.Topic<?, ?, M> topic,
      @Nullable Object params, java.util.function.Consumer<? super M> onMessage,
      java.util.function.Consumer<? super ParleyClientException> onError, Duration timeout) {
    if (state.greet(ParleyMessages.hello())) {
      Pushes p = pushes;
      if (p != null) {
        p.connected(false);
      }
    }
    return topics.subscribe(topic, params, onMessage, onError, timeout.toNanos());
  }

  @Override
  public <T> dev.parley.client.StateObservation observe(dev.parley.State<?, T> shared,
      java.util.function.Consumer<? super T> onValue,
      java.util.function.Consumer<? super ParleyClientException> onError, Duration timeout) {
    if (state.greet(ParleyMessages.hello())) {
      Pushes p = pushes;
      if (p != null) {
        p.connected(false);
      }
    }
    return topics.observe(shared, onValue, onError, timeout.toNanos());
  }

  @Override
  public <T> long set(dev.parley.State<?, T> shared, T value, Duration timeout) {
    return topics.set(shared, value, timeout.toNanos());
  }

  // ---- Parley's messages: invalidations ----

  @Override
  public void pushes(Pushes pushes) {
    this.pushes = Objects.requireNonNull(pushes, "pushes");
    if (state.greet(ParleyMessages.hello()) || state.isOpen()) {
      pushes.connected(false);
    }
  }

  @Override
  public void watch(Collection<String> added, Collection<String> removed) {
    watch(added, removed, -1);
  }

  @Override
  public void watch(Collection<String> added, Collection<String> removed, long since) {
    if (!added.isEmpty()) {
      state.sendIfOpen(since >= 0 ? ParleyMessages.watch(added, since)
          : ParleyMessages.watch(added, false));
    }
    if (!removed.isEmpty()) {
      state.sendIfOpen(ParleyMessages.watch(removed, true));
    }
  }

  /** One of Parley's messages came: an invalidation goes to the listeners. */
  private void parley(String method, JsonNode message) {
    Pushes p = pushes;
    if (ParleyMessages.INVALIDATE.equals(method) && p != null) {
      try {
        p.invalidated(Set.copyOf(ParleyMessages.resources(message)));
      } catch (IllegalArgumentException e) {
        ClientLog.LOG.log(Level.WARNING, "{0}: dropped an unreadable {1}: {2}", base, method,
            e.getMessage());
      }
    } else if (ParleyMessages.EVENT.equals(method)) {
      realtime.event(message);
    } else if (ParleyMessages.CALL.equals(method)) {
      realtime.call(message);
    } else if (!ParleyMessages.HELLO.equals(method)) {
      ClientLog.LOG.log(Level.DEBUG, "{0}: ignored the message {1}", base, method);
    }
  }

  @Override
  public void ended(Socket socket, ParleyClientException cause, boolean opened, int closeCode) {
    ParleyClientException refusal = refusal(socket, closeCode);
    if (refusal != null && state.isCurrent(socket)) {
      this.refusal = refusal;
      ClientLog.LOG.log(Level.WARNING, "{0}: the server refused this client for good: {1}", base,
          refusal.getMessage());
      shut(refusal);
      return;
    }
    SocketState.Loss loss = state.ended(socket, opened);
    for (SocketRequest<?> r : loss.failed()) {
      stopTimer(r);
      r.fail(new ParleyClientException(ErrorCode.SERVICE_UNAVAILABLE,
          r.name() + ": " + cause.getMessage(), 0, cause));
    }
    if (loss.next() != null) {
      ClientLog.LOG.log(Level.DEBUG, "{0}: {1}; reconnecting", base, cause.getMessage());
      states.set(loss.next(), cause);
    }
  }

  /** The server asked to reconnect: move to a new connection, let the old one finish its calls. */
  void reconnectRequested(Socket socket) {
    if (state.reconnectRequested(socket)) {
      states.set(ConnectionState.RECONNECTING, new ParleyClientException(
          ErrorCode.SERVICE_UNAVAILABLE, "the server asked its clients to reconnect", 0, null));
    }
  }

  @Override
  public boolean overloaded() {
    return pressure.isOverloaded();
  }

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
      if (channels.handle(socket, node.get("method") instanceof JsonNode cm && cm.isString()
          ? cm.stringValue() : null, node)
          || topics.handle(node.get("method") instanceof JsonNode tm && tm.isString()
              ? tm.stringValue() : null, node)) {
        continue;
      }
      if (node.get("method") instanceof JsonNode m && m.isString()
          && ParleyMessages.isParley(m.stringValue())) {
        parley(m.stringValue(), node);
        continue;
      }
      SocketAnswers.dispatch(this, socket, SocketMessages.Response.read(node));
    }
  }

  @Override
  public Realtime realtime() {
    return realtime;
  }

  @Override
  public ConnectionStates states() {
    return states;
  }

  @Override
  public void close() {
    shut(null);
  }

  /**
   * Closes the link: what is live fails, with {@code refusal} when the server refused the client
   * for good, else as closed by its user.
   */
  private void shut(@Nullable ParleyClientException refusal) {
    SocketState.Closing closing = state.close();
    if (closing == null) {
      return;
    }
    channels.closed(refusal == null ? Failures.closed("the channel") : refusal);
    topics.linkClosed(refusal == null ? Failures.closed("the topic") : refusal);
    for (SocketRequest<?> r : closing.requests()) {
      stopTimer(r);
      r.fail(refusal == null ? Failures.closed(r.name()) : refused(r.name(), refusal));
    }
    for (SocketSubscription<?> s : closing.subscriptions()) {
      ParleyClientException error =
          refusal == null ? Failures.closed(s.name()) : refused(s.name(), refusal);
      s.delivery.execute(() -> s.linkClosed(error));
    }
    closing.sockets().forEach(Socket::close);
    Deadlines.schedule(() -> {
      ParleyClientException gone = Failures.closed("the connection");
      closing.sockets().forEach(s -> s.abort(gone));
      http.shutdownNow();
    }, pongTimeout.toNanos());
    states.set(ConnectionState.CLOSED, refusal);
  }

  /**
   * Why the server refused this client for good: it closed the connection {@code 1008} after an
   * error naming no request that is {@code UNAUTHORIZED} or {@code FORBIDDEN}, i.e. it refused the
   * credentials, which a new connection would only send again. Null otherwise: a {@code 1008} for
   * too many messages, or for access revoked (the client authenticates again), is reconnected.
   */
  private static @Nullable ParleyClientException refusal(Socket socket, int closeCode) {
    ParleyClientException sent = socket.refusal();
    if (closeCode != SocketClose.POLICY || sent == null) {
      return null;
    }
    return sent.code() == ErrorCode.UNAUTHORIZED || sent.code() == ErrorCode.FORBIDDEN
        ? sent : null;
  }

  private static ParleyClientException refused(String name, ParleyClientException refusal) {
    return new ParleyClientException(refusal.code(), name + ": " + refusal.getMessage(),
        refusal.httpStatus(), refusal.issues(), refusal.data().orElse(null), refusal,
        refusal.retryAfter().orElse(null));
  }

  @Override
  public String toString() {
    return "SocketLink[" + base + "]";
  }

  /** The live state, for {@link SocketAnswers}. */
  SocketState state() {
    return state;
  }

  /** Whether {@code id} is one this link gave out (a late message) rather than a stranger's. */
  boolean issued(long id) {
    return id > 0 && id <= ids.get();
  }

  JsonCodec reader() {
    return reader;
  }

  String base() {
    return base;
  }

  private ParleyClientException whyClosed(String name) {
    ParleyClientException r = refusal;
    return r == null ? Failures.closed(name) : refused(name, r);
  }

  private void check(Procedure<?, ?, ?> procedure) {
    Procedure<?, ?, ?> p = procedures.get(procedure.name());
    if (p == null || (p != procedure && !p.equals(procedure))) {
      throw new IllegalArgumentException(
          procedure + " is not in this client's contract (or differs from the contract's)");
    }
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
