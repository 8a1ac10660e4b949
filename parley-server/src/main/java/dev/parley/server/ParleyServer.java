package dev.parley.server;

import dev.parley.Contract;
import dev.parley.Invoker;
import dev.parley.ParleyException;
import dev.parley.Query;
import dev.parley.Subscription;
import dev.parley.Unary;
import dev.parley.server.internal.HttpWire;
import dev.parley.server.internal.LocalInvoker;
import dev.parley.server.internal.Failures;
import dev.parley.server.internal.Pipeline;
import dev.parley.server.internal.socket.Nodes;
import dev.parley.server.internal.socket.Sockets;
import dev.parley.Channel;
import dev.parley.Topic;
import dev.parley.State;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A Parley server: the implementations of a contract's procedures, the middleware around them, and
 * the entries every transport and in-process caller uses. Every call goes through one pipeline:
 * route by name within the caller's role, decode and validate the input, middleware, handler,
 * validate the output, resources; with one deadline rule and one {@link CallListener} seam.
 *
 * <pre>{@code
 * var server = ParleyServer.builder(TodoApi.CONTRACT)
 *     .authenticate(tokens::identify)                       // Identity<User>: role and principal
 *     .context((request, identity) -> new AppCtx(identity)) // every handler's typed context
 *     .use(RateLimit.of(100, Duration.ofSeconds(1)))        // server-wide middleware
 *     .build();
 * server.implement(TodoApi.LIST, (ctx, in) -> store.all());
 * server.implement(TodoApi.ADD, (ctx, in) -> store.add(in.text()))
 *     .resources((ctx, in, out) -> Set.of("todos", "todo/" + out.id()));
 * }</pre>
 *
 * <p>Entries: {@link #handle(ParleyRequest, Responder)} speaks tRPC v11's HTTP wire for any
 * transport; {@link #openSocket} serves a WebSocket connection in tRPC's {@code wsLink} format;
 * {@link #invoker(Identity)} calls in process, with the same validation, middleware, context
 * factory and deadline. Instances are thread-safe; implement procedures before serving.
 *
 * <p>A server given a {@link Builder#broker broker} is one node among those sharing it: what it
 * publishes, sends, invalidates, emits across nodes or sets reaches the other nodes' connections
 * too, and it {@link #tell tells} the others peer messages (see {@link Broker}).
 *
 * @param <C> the context type the handlers of {@link #implement} receive
 */
public final class ParleyServer<C> {
  private final Pipeline pipeline;
  private final HttpWire wire;
  private final Sockets sockets;
  private final Procedures<C> procedures;
  private final Nodes nodes;

  private ParleyServer(Builder<?, C> b) {
    this.pipeline = new Pipeline(b.contract, b.options, b.contextFactory, b.listeners,
        new MiddlewareChain(b.middleware));
    this.wire = new HttpWire(pipeline, b.authenticator);
    this.sockets = new Sockets(pipeline, b.authenticator);
    this.procedures = new Procedures<>(pipeline, b.middleware);
    this.nodes = new Nodes(sockets, pipeline, b.broker);
    pipeline.onChanged(nodes::invalidate);
    pipeline.sequence(sockets::sequence);
  }

  /**
   * A builder of a server for {@code contract}, whose callers are all {@linkplain
   * Identity#anonymous() anonymous} until {@link Builder#authenticate} says otherwise, and whose
   * context is the caller's {@link Identity} until {@link Builder#context} says otherwise.
   */
  public static Builder<Void, Identity<Void>> builder(Contract contract) {
    return new Builder<>(Objects.requireNonNull(contract, "contract"),
        request -> Identity.anonymous(), (request, identity) -> identity);
  }

  /**
   * The server's procedure base: its server-wide middleware, and {@code C} for the handlers. Make
   * more bases from it with {@link Procedures#use}.
   */
  public Procedures<C> procedures() {
    return procedures;
  }

  /**
   * Implements {@code procedure} with {@code handler} on the server's base, {@link #procedures()}.
   *
   * @return the implementation, to which {@link Implementation#resources resources} may be added
   * @throws IllegalArgumentException if the procedure is not part of this server's contract
   * @throws IllegalStateException if it is already implemented
   */
  public <I, O> Implementation<C, I, O> implement(
      Unary<?, I, O> procedure, Handler<C, I, O> handler) {
    return procedures.implement(procedure, handler);
  }

  /**
   * Implements {@code query} with {@code handler} on the server's base, {@link #procedures()}; a
   * {@linkplain dev.parley.Query#isStatic() static} query's output is computed once per input, as
   * {@link Procedures#implement(Query, Handler)} says.
   *
   * @return the implementation, to which {@link QueryImplementation#resources resources} and what
   *     {@linkplain #dump(Path) static dumps} record of it may be added
   * @throws IllegalArgumentException if the query is not part of this server's contract
   * @throws IllegalStateException if it is already implemented
   */
  public <I, O> QueryImplementation<C, I, O> implement(
      Query<?, I, O> query, Handler<C, I, O> handler) {
    return procedures.implement(query, handler);
  }

  /**
   * Implements {@code subscription} with {@code handler} on the server's base, {@link
   * #procedures()}: each subscriber gets a virtual thread running the handler, which sends values
   * to its {@link Sink} until it returns or is cancelled.
   *
   * @throws IllegalArgumentException if the subscription is not part of this server's contract
   * @throws IllegalStateException if it is already implemented
   */
  public <I, O> void implement(
      Subscription<?, I, O> subscription, SubscriptionHandler<C, I, O> handler) {
    procedures.implement(subscription, handler);
  }

  /**
   * Serves {@code channel}: set its handlers on the returned value, {@code onConnect} at least.
   * Clients connect over a WebSocket ({@code parley.connect}); a connect and each message go
   * through the server-wide middleware and reach their handler with the context {@code C}, as a
   * query does; see {@link ChannelImplementation}.
   *
   * @throws IllegalArgumentException if the channel is not part of this server's contract
   * @throws IllegalStateException if it is already served
   */
  public <P, Q, A, CM, SM> ChannelImplementation<C, P, Q, A, CM> channel(
      Channel<?, P, Q, A, CM, SM> channel) {
    return ChannelServing.serve(sockets.channels(), Objects.requireNonNull(channel, "channel"));
  }

  /**
   * Sends {@code message} to every connection of {@code channel} with {@code params} (equal
   * parameters, as their JSON), on every WebSocket connection of this server. The message is
   * checked against the channel's server message schema and encoded once for all of them. Returns
   * at once: a connection whose outbound queue has no room for it is closed {@code 1013}, and its
   * client reconnects and connects its channels again. With a {@linkplain Builder#broker broker},
   * the channel connections of the other nodes get it too.
   *
   * @return how many channel connections of this node it was queued for
   * @throws IllegalArgumentException if the channel is not part of this server's contract, or the
   *     message does not fit its schema
   */
  public <P, SM> int send(Channel<?, P, ?, ?, ?, SM> channel, P params, SM message) {
    return nodes.send(channel, params, message);
  }

  /**
   * Sets how {@code topic} is served: a subscribe hook that may refuse or narrow the params, and
   * a replay window; see {@link TopicImplementation}. A topic not set here is open to its role
   * (and to the server-wide middleware, which every subscribe goes through) and keeps nothing.
   *
   * @throws IllegalArgumentException if the topic is not part of this server's contract
   * @throws IllegalStateException if it is already set
   */
  public <P> TopicImplementation<C, P> topic(Topic<?, P, ?> topic) {
    return TopicServing.serve(sockets.topics(), Objects.requireNonNull(topic, "topic"));
  }

  /**
   * Publishes {@code message} to every subscriber of {@code topic} with {@code params} (equal
   * params, as their JSON, after the subscribe hook narrowed them), on every WebSocket connection
   * of this server, and keeps it when the topic has a replay window. The message is checked
   * against the topic's schema and encoded once for all. Returns at once: a subscriber whose
   * outbound queue has no room for it is closed {@code 1013}, and its client reconnects and
   * resumes from its last event id. With a replay window, each subscriber gets the messages in
   * the order of their event ids whatever threads publish them (publications to one params are
   * queued one after the other); without one, publications from several threads fan out at once,
   * in no set order between them. With a {@linkplain Builder#broker broker}, the subscribers of
   * the other nodes get it too; each node keeps its own replay window.
   *
   * @return how many subscriptions of this node it was queued for
   * @throws IllegalArgumentException if the topic is not part of this server's contract, or the
   *     message does not fit its schema
   */
  public <P, M> int publish(Topic<?, P, M> topic, P params, M message) {
    return nodes.publish(topic, params, message);
  }

  /**
   * The server's handle on {@code state}: read it, set it, update it; every observer gets each
   * change in order, and a late one the current value first. See {@link SharedState}.
   *
   * @throws IllegalArgumentException if the state is not part of this server's contract
   */
  public <T> SharedState<T> state(State<?, T> state) {
    sockets.topics().stateValue(Objects.requireNonNull(state, "state")); // checks it
    return new SharedState<>(sockets.topics(), state);
  }

  /**
   * Checks that every procedure of the contract is implemented, and every channel has its {@code
   * onConnect}; transports call it at start.
   *
   * @throws IllegalStateException naming every procedure and channel that is not
   */
  public void assertAllImplemented() {
    java.util.List<String> channels = sockets.channels().unimplemented();
    try {
      pipeline.assertAllImplemented();
    } catch (IllegalStateException e) {
      throw channels.isEmpty() ? e
          : new IllegalStateException(e.getMessage() + ", " + String.join(", ", channels));
    }
    if (!channels.isEmpty()) {
      throw new IllegalStateException("not implemented: " + String.join(", ", channels));
    }
  }

  /**
   * An {@link Invoker} that calls this server in process as {@code caller}: no transport and no
   * serialization, but everything else as over HTTP. A procedure outside the caller's role is
   * {@code NOT_FOUND}; the context comes from the server's context factory (with no request);
   * middleware sees {@code caller} in {@link Call#identity()}; the call's deadline is the smaller
   * of the server's request timeout and the invoker's {@code timeout}, and a timed call runs on a
   * virtual thread of its own so that its caller gets {@code TIMEOUT} at the deadline while the
   * handler is interrupted. Interrupting the caller cancels the call. A subscription's handler
   * runs on a virtual thread of its own, with no deadline, and its listener hears its values on
   * that thread, the very objects the handler sent. {@code caller}'s principal must be of the type
   * the server's authenticator returns.
   */
  public Invoker invoker(Identity<?> caller) {
    Objects.requireNonNull(caller, "caller");
    return new LocalInvoker(pipeline, caller);
  }

  /** An {@link Invoker} that calls this server in process as an anonymous caller; see {@link #invoker(Identity)}. */
  public Invoker invoker() {
    return invoker(Identity.anonymous());
  }

  /**
   * Answers one HTTP request in tRPC v11's wire format (single, batched and streamed batches)
   * through {@code responder}: the transports' entry. The calls run on this thread (a batch's
   * others on virtual threads of their own); at a call's deadline its answer is sent at once from
   * Parley's timer while its handler is interrupted. {@code responder} is answered exactly once,
   * possibly before this method returns and possibly from another thread. Never throws. The wire
   * is described in {@code docs/protocol.md}.
   */
  public void handle(ParleyRequest request, Responder responder) {
    wire.handle(Objects.requireNonNull(request, "request"),
        Objects.requireNonNull(responder, "responder"));
  }

  /**
   * Answers one HTTP request as {@link #handle(ParleyRequest, Responder)} does and waits for the
   * whole answer (a streamed batch's chunks joined): for tests and simple adapters. The request
   * runs on a virtual thread of its own, so that the answer comes at the deadline even from a
   * handler that ignores its interrupt. Never throws; an interrupted caller gets {@code
   * CLIENT_CLOSED_REQUEST}.
   */
  public ParleyResponse handle(ParleyRequest request) {
    Objects.requireNonNull(request, "request");
    WholeResponse whole = new WholeResponse();
    Thread.ofVirtual().name("parley-request").start(() -> wire.handle(request, whole));
    try {
      return whole.get();
    } catch (InterruptedException e) {
      whole.gone();
      Thread.currentThread().interrupt();
      return wire.whole(new ParleyException(dev.parley.ErrorCode.CLIENT_CLOSED_REQUEST,
          "Interrupted while waiting for the answer"));
    }
  }

  /**
   * Checks a WebSocket upgrade request before the transport accepts it, with the browser rules of
   * HTTP requests ({@link ServerOptions#allowedOrigins()}, {@link
   * ServerOptions#allowCredentials()}): a page of an origin the server does not allow may not open
   * a connection with the user's cookies.
   *
   * @param upgrade the upgrade request (its {@code Host}, {@code Origin}, {@code Cookie} …); the
   *     transport gives HTTP/2's {@code :authority} as {@code host}
   * @return the HTTP answer to refuse it with, in tRPC's error shape: {@code 403 FORBIDDEN} for an
   *     origin or cookies the rules refuse, {@code 503 SERVICE_UNAVAILABLE} while the server shuts
   *     down; empty when the transport may accept it and call {@link #openSocket}
   */
  public Optional<ParleyResponse> refuseSocket(ParleyRequest upgrade) {
    Objects.requireNonNull(upgrade, "upgrade");
    ParleyResponse refused = wire.upgradeRefusal(upgrade);
    if (refused == null && sockets.isClosing()) {
      refused = wire.whole(Failures.shuttingDown());
    }
    return Optional.ofNullable(refused);
  }

  /**
   * Serves a WebSocket connection that the transport accepted (after {@link #refuseSocket}) in
   * tRPC v11's {@code wsLink} format: the transport hands the returned session every frame that
   * arrives, and the server sends through {@code out}.
   *
   * <p>The caller is resolved once for the connection by the server's {@link Authenticator}: from
   * {@code upgrade} at once, or, when its URL has {@code connectionParams=1}, from {@code upgrade}
   * {@linkplain ParleyRequest#withConnectionParams with the parameters} of the connection's first
   * message. The context factory makes one context per connection. Each call runs through the
   * same pipeline as over HTTP (roles, validation, middleware, the server's {@link
   * ServerOptions#requestTimeout() deadline} for queries and mutations); the connection's limits
   * are {@link ServerOptions}'s {@code socket…} options, and it is pinged every {@link
   * ServerOptions#keepAlive() keepAlive}. May block (authentication); call it from a thread that
   * may.
   *
   * @param upgrade the upgrade request, with its path below the base path (empty) and its query
   * @param out how the server sends on the connection
   * @return the session to hand the connection's frames and its end to
   */
  public SocketSession openSocket(ParleyRequest upgrade, SocketOut out) {
    return sockets.open(Objects.requireNonNull(upgrade, "upgrade"),
        Objects.requireNonNull(out, "out"));
  }

  /**
   * Tells the clients that watch them that {@code resources} changed, for data changed outside a
   * mutation (a job, a webhook, another service): every WebSocket connection that watches a name
   * overlapping one of them (exact names, and {@code prefix/*} patterns, on either side) is sent
   * {@code {"method":"parley.invalidate","params":{"resources":[…]}}} with those of {@code
   * resources} it watches, and its client's listeners refetch. A successful mutation does the same
   * by itself with the resources its implementation declared. Returns at once: each connection
   * sends in its own time, at most one invalidation waiting in its queue (later ones merge into
   * the next). Clients over HTTP hear only of their own mutations. With a {@linkplain
   * Builder#broker broker}, the watchers of the other nodes are pushed it too.
   *
   * <p>Each call of this method (and each mutation with resources) takes the next number of the
   * server's invalidation sequence, and the server keeps the names of the last 1024: a query's
   * answer carries the number current when its handler started ({@code "seq"}), and a client that
   * watches what that answer read names it ({@code "since"}), so that it is pushed at once what
   * changed between the answer and its watch (see {@code docs/protocol.md}, "Invalidations").
   *
   * <pre>{@code
   * server.invalidate("todos", "todo/" + id);   // after a nightly import changed a todo
   * }</pre>
   *
   * @return how many connections of this node it is sent to
   * @throws IllegalArgumentException when a resource name is empty
   */
  public int invalidate(String... resources) {
    Objects.requireNonNull(resources, "resources");
    for (String r : resources) {
      if (Objects.requireNonNull(r, "resource").isEmpty()) {
        throw new IllegalArgumentException("resources: an empty name (expected: at least 1 character)");
      }
    }
    return nodes.invalidate(java.util.Set.of(resources), null);
  }

  /**
   * How many {@code parley.invalidate} messages the server has queued on its WebSocket
   * connections since it started, for monitoring (coalesced ones count once).
   */
  public long invalidationsSent() {
    return sockets.invalidationsSent();
  }

  /** The server's WebSocket connections now: how many, and the bytes they have queued. */
  public SocketStats socketStats() {
    return sockets.stats();
  }

  // ---- connections, rooms, events and client procedures ----

  /**
   * The live {@link Connection}s now: the WebSocket connections whose client said {@code
   * parley.hello} (every Java client that listens to events or registers client procedures does).
   */
  public List<Connection<?>> connections() {
    return sockets.peers().connections();
  }

  /** The live connection {@code id}, if it is open. */
  public Optional<Connection<?>> connection(String id) {
    return sockets.peers().connection(Objects.requireNonNull(id, "id"));
  }

  /** The live connections whose principal equals {@code principal}. */
  public List<Connection<?>> connectionsOf(Object principal) {
    Objects.requireNonNull(principal, "principal");
    return connections().stream()
        .filter(c -> principal.equals(c.identity().principal())).toList();
  }

  /**
   * Has {@code listener} hear of every connection that opens from now on (its client's hello), on
   * the connection's thread: keep it short. A listener that throws is logged.
   */
  public void onConnect(java.util.function.Consumer<Connection<?>> listener) {
    sockets.peers().onConnect(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Has {@code listener} hear of every connection that ends from now on, once each, whatever
   * ended it, after it left its rooms and its client-procedure calls failed.
   */
  public void onDisconnect(java.util.function.Consumer<Connection<?>> listener) {
    sockets.peers().onDisconnect(Objects.requireNonNull(listener, "listener"));
  }

  /** The room named {@code name}: made on first use, the same one for the same name after. */
  public Room room(String name) {
    if (Objects.requireNonNull(name, "name").isEmpty()) {
      throw new IllegalArgumentException("room name: empty (expected: at least 1 character)");
    }
    return sockets.peers().room(name);
  }

  /**
   * Sends {@code payload} of {@code event} to the connections {@code to} names, fire and forget:
   * the payload is checked against the event's schema and encoded once, then queued on each
   * recipient as {@code {"method":"parley.event","params":{"name":…,"payload":…}}} without ever
   * waiting. Only open connections whose role sees the event get it, whatever {@code to} names.
   * A recipient whose outbound queue is full does not get it: the event is dropped for that one
   * and counted ({@link #eventsDropped()}), and the connection stays. Events are not kept for
   * connections that are not open now: a client that reconnects does not get those it missed.
   * With a {@linkplain Builder#broker broker}, recipients named across nodes (everyone, a
   * principal, a room, a role) are reached on every node, as {@link Recipients} says; the
   * delivery counts this node's.
   *
   * <pre>{@code
   * server.emit(ChatApi.PRESENCE, Recipients.everyone().optional(), new Presence(lobby.size()));
   * }</pre>
   *
   * @return how many connections it was for, queued on and dropped for
   * @throws IllegalArgumentException when the payload is not valid by the event's schema (a bug of
   *     the server's own code, so not a {@code BAD_REQUEST}), or the event is not of the contract
   * @throws ParleyException {@code NOT_FOUND} when no connection receives it and {@code to} is
   *     not {@linkplain Recipients#optional() optional}
   */
  public <P> Delivery emit(dev.parley.Event<?, P> event, Recipients to, P payload) {
    return emitTo(event, to, payload, false).join();
  }

  /**
   * Sends {@code payload} of {@code event} as {@link #emit} does, and completes when it was
   * written to each recipient or failed there (its queue full, or its connection ended first).
   *
   * @return a future of how many connections of this node it was for, written to and dropped for
   *     (those of other nodes are not waited for); never failed
   * @throws IllegalArgumentException as {@link #emit}
   * @throws ParleyException as {@link #emit}
   */
  public <P> java.util.concurrent.CompletableFuture<Delivery> emitAndWait(
      dev.parley.Event<?, P> event, Recipients to, P payload) {
    return emitTo(event, to, payload, true);
  }

  private <P> java.util.concurrent.CompletableFuture<Delivery> emitTo(
      dev.parley.Event<?, P> event, Recipients to, P payload, boolean await) {
    return nodes.emit(Objects.requireNonNull(event, "event"), to.select(connections()),
        to.isOptional(), to.across(), to.named(), payload, await);
  }

  /**
   * Handles the client event {@code event} with {@code handler}: each {@code parley.emit} of it
   * from a connection whose role sees it, with a payload valid by its schema, runs the handler on
   * a virtual thread of its own. Nothing is answered, ever: an event that is unknown, of another
   * role, unhandled or invalid is dropped, logged and counted ({@link #clientEventsDropped()}),
   * and the connection goes on. A valid event is a call of the event, as a query is a call: it
   * goes through the server-wide middleware with the connection's context from the server's
   * {@link ContextFactory}, and the handler receives the context the middleware ends with; an
   * event a middleware refuses is dropped and counted too, and its handler does not run. The
   * {@link CallListener}s hear each event, dropped ones included; a shutdown waits for the
   * handlers running and drops new events.
   *
   * @throws IllegalArgumentException if the event is not of the contract
   * @throws IllegalStateException if it has a handler already
   */
  public <P> void on(dev.parley.ClientEvent<?, P> event, ClientEventHandler<C, P> handler) {
    sockets.peers().on(event, handler);
  }

  /**
   * The client events dropped since the server started: unknown, of another role, unhandled,
   * invalid, or refused by a middleware (or by a shutdown).
   */
  public long clientEventsDropped() {
    return sockets.peers().clientEventsDropped();
  }

  /** The server events dropped since the server started: for recipients with a full queue, or gone. */
  public long eventsDropped() {
    return sockets.peers().eventsDropped();
  }

  // ---- nodes ----

  /** This server's node id: random, carried by everything it sends the other nodes. */
  public String nodeId() {
    return nodes.id();
  }

  /**
   * Handles the peer message {@code message} with {@code handler}: each one another node {@link
   * #tell tells} runs it on a virtual thread of its own, with the payload (valid by its schema)
   * and the sender's node id. One that does not decode, or has no handler here, is dropped,
   * logged and counted ({@link #brokerMessagesDropped()}).
   *
   * @throws IllegalArgumentException if the message is not of the contract
   * @throws IllegalStateException if it has a handler already
   */
  public <P> void onPeer(dev.parley.PeerMessage<P> message, PeerHandler<P> handler) {
    nodes.onPeer(Objects.requireNonNull(message, "message"),
        Objects.requireNonNull(handler, "handler"));
  }

  /**
   * Tells {@code payload} of {@code message} to every other node sharing this server's {@link
   * Builder#broker broker}, never to this one; returns at once. Without a broker it goes nowhere.
   *
   * @throws IllegalArgumentException when the payload is not valid by the message's schema, or the
   *     message is not of the contract
   */
  public <P> void tell(dev.parley.PeerMessage<P> message, P payload) {
    nodes.tell(Objects.requireNonNull(message, "message"), payload);
  }

  /**
   * The messages from other nodes dropped since the server started: malformed, naming what this
   * server's contract lacks, not valid by their schema, or a peer message with no handler here.
   */
  public long brokerMessagesDropped() {
    return nodes.dropped();
  }

  /**
   * The messages for other nodes that the broker failed to take (closed, unreachable) since the
   * server started; what went to this node's own connections went all the same.
   */
  public long brokerMessagesUnsent() {
    return nodes.unsent();
  }

  /**
   * Calls the client procedure {@code procedure} on {@code connection}, within the server's
   * {@link ServerOptions#requestTimeout() requestTimeout}; see {@link #call(Connection,
   * dev.parley.ClientProcedure, Object, Duration)}.
   */
  public <R extends dev.parley.Shared, I, O> java.util.concurrent.CompletableFuture<O> call(
      Connection<R> connection, dev.parley.ClientProcedure<? super R, I, O> procedure, I input) {
    return call(connection, procedure, input, pipeline.options().requestTimeout());
  }

  /**
   * Calls the client procedure {@code procedure} on {@code connection}: the input is checked and
   * sent as {@code parley.call}, and the future completes with the client's answer, checked
   * against the output schema. A client procedure of role {@code R} needs a {@code
   * Connection<R>} ({@link Connection#as}) at compile time, and a connection whose role sees it at
   * run time. The future fails with a {@link ParleyException}: {@code NOT_FOUND} when the
   * connection is not open or its client did not register the procedure (or its role does not see
   * it), {@code TOO_MANY_REQUESTS} past {@link ServerOptions#socketMaxClientCalls()}, {@code
   * TIMEOUT} at the deadline (the call is forgotten then, and a late answer refused), {@code
   * CLIENT_CLOSED_REQUEST} when the connection ends first, {@code BAD_REQUEST} with issues for an
   * invalid answer, or the code and message of the {@code ParleyException} the client's
   * implementation threw (another exception of it is {@code INTERNAL_SERVER_ERROR} with a generic
   * message).
   *
   * @param timeout {@link Duration#ZERO} for none
   * @throws IllegalArgumentException when the input is not valid by the procedure's schema
   */
  public <R extends dev.parley.Shared, I, O> java.util.concurrent.CompletableFuture<O> call(
      Connection<R> connection, dev.parley.ClientProcedure<? super R, I, O> procedure, I input,
      Duration timeout) {
    Objects.requireNonNull(connection, "connection");
    Objects.requireNonNull(procedure, "procedure");
    if (Objects.requireNonNull(timeout, "timeout").isNegative()) {
      throw new IllegalArgumentException("timeout: " + timeout + " (expected: >= 0)");
    }
    return sockets.peers().call(connection, procedure, input, timeout);
  }

  /**
   * The answer this server gives to a request refused as a whole, in tRPC's error shape: for
   * transports that refuse a request before the server sees it (e.g. a body over {@link
   * ServerOptions#maxBodyBytes()}), so that their answers look like the server's own.
   */
  public ParleyResponse errorResponse(ParleyException error) {
    return wire.whole(Objects.requireNonNull(error, "error"));
  }

  /**
   * Shuts down gracefully: new calls are refused with {@code SERVICE_UNAVAILABLE} at once, calls in
   * flight (the realtime handlers of channels, topics and client events too) may finish within
   * {@code grace}, WebSocket connections are closed as {@link
   * #closeStreams} says (those still open after the grace at once, {@code 1012}). Calls still
   * running after the grace are left to their timeout.
   *
   * @return whether every call in flight finished, and every WebSocket connection closed, within
   *     {@code grace}
   */
  public boolean shutdown(Duration grace) {
    Objects.requireNonNull(grace, "grace");
    long deadline = System.nanoTime() + grace.toNanos();
    nodes.close();
    sockets.closeAll();
    try {
      boolean calls = pipeline.shutdown(grace);
      boolean closed = sockets.awaitClosed(Duration.ofNanos(Math.max(0,
          deadline - System.nanoTime())));
      if (!closed) {
        sockets.closeNow();
      }
      if (calls) {
        pipeline.stopHeartbeats(); // no stream is left to keep alive
      }
      return calls && closed;
    } catch (InterruptedException e) {
      sockets.closeNow();
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Ends every live subscription, so that its clients resume elsewhere, and each one that starts
   * from now on, while queries and mutations go on being served: the first step of a graceful
   * shutdown, taken by transports before they wait for the requests in flight. {@link #shutdown}
   * takes it too. An SSE stream ends with {@code SERVICE_UNAVAILABLE}. A WebSocket connection is
   * sent {@code {"id":null,"method":"reconnect"}}, its subscriptions end without a message (its
   * client subscribes again elsewhere), its new requests are refused {@code SERVICE_UNAVAILABLE},
   * and it is closed with {@code 1012} once its queries and mutations in flight are answered; new
   * connections are refused ({@link #refuseSocket}). Returns at once.
   */
  public void closeStreams() {
    sockets.closeAll();
    pipeline.closeStreams();
  }

  /**
   * Ends every live subscription of the callers {@code revoked} matches, e.g. when a user is
   * signed out or loses a role: each handler is interrupted and sees {@link Sink#isCancelled()},
   * and its client is answered {@code UNAUTHORIZED}. A WebSocket connection of such a caller
   * refuses its new requests {@code UNAUTHORIZED} and is closed {@code 1008} once its calls in
   * flight are answered, so that its client authenticates again. Calls of those callers that start
   * later are up to the authenticator, which no longer grants what was revoked.
   *
   * @return how many subscriptions it ended
   */
  public int revoke(java.util.function.Predicate<Identity<?>> revoked) {
    Objects.requireNonNull(revoked, "revoked");
    int ended = pipeline.revoke(revoked, new ParleyException(dev.parley.ErrorCode.UNAUTHORIZED,
        "The caller's access was revoked"));
    sockets.revoke(revoked);
    return ended;
  }

  /**
   * Writes a static dump of this server into {@code dir} (made if absent; an earlier dump there is
   * replaced), called as an anonymous caller; see {@link #dump(Path, Identity)}.
   */
  public void dump(Path dir) throws IOException {
    dump(dir, Identity.anonymous());
  }

  /**
   * Writes a static dump of this server into {@code dir}, the build step that lets clients work
   * with no server ({@code ParleyClient.fromDump}): every {@linkplain dev.parley.Query#isStatic()
   * static} query without input, and every query for the inputs its {@link
   * QueryImplementation#dump dump} lists, is called as {@code builder} through the same pipeline as
   * any call (role, validation, middleware, handler, output validation), and its output recorded
   * with its canonical input, beside the query's {@link QueryImplementation#fallback fallback}.
   * Queries outside {@code builder}'s role are left out. The files are described in {@code
   * docs/protocol.md}, "Static dumps": {@code manifest.json} and {@code procedures/<name>.json}.
   *
   * @throws IllegalStateException naming the query and the input, when a call fails (an input that
   *     fails validation, a handler that throws) or a fallback fails the output schema; nothing is
   *     written then
   * @throws IOException when the files cannot be written
   */
  public void dump(Path dir, Identity<?> builder) throws IOException {
    new StaticDump(pipeline, Objects.requireNonNull(builder, "builder"))
        .write(Objects.requireNonNull(dir, "dir"));
  }

  /** This server's options. */
  public ServerOptions options() {
    return pipeline.options();
  }

  /** This server's contract. */
  public Contract contract() {
    return pipeline.contract();
  }

  /**
   * Builds a {@link ParleyServer}: {@link #authenticate}, then {@link #context}, then {@link #use};
   * {@link #options} and {@link #listener} anywhere.
   *
   * @param <P> the principal type its authenticator resolves
   * @param <C> the context type after the middleware so far
   */
  public static final class Builder<P, C> {
    private final Contract contract;
    private final Authenticator<P> authenticator;
    private final ContextFactory<P, ?> contextFactory;
    private final List<Middleware<?, ?>> middleware;
    private final List<CallListener> listeners;
    private ServerOptions options = ServerOptions.defaults();
    private dev.parley.server.@org.jspecify.annotations.Nullable Broker broker;
    private final boolean contextSet;

    private Builder(Contract contract, Authenticator<P> authenticator,
        ContextFactory<P, ?> contextFactory) {
      this(contract, authenticator, contextFactory, List.of(), new ArrayList<>(), false);
    }

    private Builder(Contract contract, Authenticator<P> authenticator,
        ContextFactory<P, ?> contextFactory, List<Middleware<?, ?>> middleware,
        List<CallListener> listeners, boolean contextSet) {
      this.contract = contract;
      this.authenticator = authenticator;
      this.contextFactory = contextFactory;
      this.middleware = new ArrayList<>(middleware);
      this.listeners = listeners;
      this.contextSet = contextSet;
    }

    /**
     * Resolves the caller of each HTTP request with {@code authenticator}, the {@code authenticate}
     * hook: its {@link Identity} decides the surface the caller may call (a procedure of another
     * role is {@code NOT_FOUND}) and is given to the {@link #context context factory}. By default
     * every caller is {@link Identity#anonymous() anonymous}. Call it first.
     *
     * @throws IllegalStateException if a context factory or middleware was already set
     */
    public <P2> Builder<P2, Identity<P2>> authenticate(Authenticator<P2> authenticator) {
      Objects.requireNonNull(authenticator, "authenticator");
      if (contextSet || !middleware.isEmpty()) {
        throw new IllegalStateException(
            "authenticate(...) must come before context(...) and use(...)");
      }
      Builder<P2, Identity<P2>> b = new Builder<>(contract, authenticator,
          (ContextFactory<P2, Identity<P2>>) (request, identity) -> identity);
      b.options = options;
      b.broker = broker;
      b.listeners.addAll(listeners);
      return b;
    }

    /**
     * Builds each caller's context with {@code factory}, from its {@link Identity} and its HTTP
     * request (none in process); by default the context is the identity. Call it before {@link
     * #use}.
     *
     * @throws IllegalStateException if middleware was already added
     */
    public <C2> Builder<P, C2> context(ContextFactory<P, C2> factory) {
      Objects.requireNonNull(factory, "factory");
      if (!middleware.isEmpty()) {
        throw new IllegalStateException("context(...) must come before use(...)");
      }
      Builder<P, C2> b = new Builder<>(contract, authenticator, factory, List.of(), listeners, true);
      b.options = options;
      b.broker = broker;
      return b;
    }

    /** Adds {@code m} around every call of the server; the first added is the outermost. */
    public Builder<P, C> use(Middleware<? super C, ? extends C> m) {
      middleware.add(Objects.requireNonNull(m, "middleware"));
      return this;
    }

    /**
     * Adds {@code guard} before every call of the server, after the middleware so far: a call it
     * does not allow is answered {@code FORBIDDEN}. The same as {@code use(guard)}, for guards
     * written inline.
     */
    public Builder<P, C> guard(Guard<? super C> guard) {
      middleware.add(Objects.requireNonNull(guard, "guard")); // it passes the context on as it is
      return this;
    }

    /**
     * Adds {@code narrowing} around every call of the server, after the middleware so far; the
     * handlers of {@link ParleyServer#implement} then receive the narrowed context.
     */
    public <N> Builder<P, N> narrow(Narrowing<? super C, ? extends N> narrowing) {
      Objects.requireNonNull(narrowing, "narrowing");
      List<Middleware<?, ?>> more = new ArrayList<>(middleware);
      more.add(narrowing);
      Builder<P, N> b = new Builder<>(contract, authenticator, contextFactory, more, listeners,
          contextSet);
      b.options = options;
      b.broker = broker;
      return b;
    }

    /** Adds a listener that sees every call with its outcome; see {@link CallListener}. */
    public Builder<P, C> listener(CallListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /** Sets the limits; {@link ServerOptions#defaults()} unless set. */
    public Builder<P, C> options(ServerOptions options) {
      this.options = Objects.requireNonNull(options, "options");
      return this;
    }

    /**
     * Makes the server a node among those sharing {@code broker}: topic and channel messages,
     * invalidations, events to recipients named across nodes, shared-state changes and peer
     * messages reach the other nodes' connections too (see {@link Broker}). Unless set the server
     * is on its own. The server unsubscribes at its shutdown; closing the broker is the caller's.
     */
    public Builder<P, C> broker(Broker broker) {
      this.broker = Objects.requireNonNull(broker, "broker");
      return this;
    }

    /** The server, with no procedure implemented yet. */
    public ParleyServer<C> build() {
      return new ParleyServer<>(this);
    }
  }
}
