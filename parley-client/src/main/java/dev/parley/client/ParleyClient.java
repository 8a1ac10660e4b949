package dev.parley.client;

import dev.parley.Channel;
import dev.parley.Contract;
import dev.parley.Invoker;
import dev.parley.Mutation;
import dev.parley.Query;
import dev.parley.Role;
import dev.parley.Shared;
import dev.parley.Subscription;
import dev.parley.SubscriptionListener;
import dev.parley.State;
import dev.parley.Topic;
import dev.parley.client.internal.DumpLink;
import dev.parley.client.internal.CachedLink;
import dev.parley.client.internal.HttpLink;
import dev.parley.client.internal.InProcessLink;
import dev.parley.client.internal.SocketLink;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Calls the queries and mutations of a contract and subscribes to its subscriptions, typed by
 * their descriptors: over HTTP, over one WebSocket, or in the same JVM.
 *
 * <pre>{@code
 * try (var client = ParleyClient.http(URI.create("http://localhost:8080/parley"), TodoApi.CONTRACT)) {
 *   List<Todo> todos = client.query(TodoApi.LIST);
 *   Todo milk = client.mutate(TodoApi.ADD, new NewTodo("milk"));
 *   CompletableFuture<List<Todo>> later = client.withTimeout(Duration.ofSeconds(2)).queryAsync(TodoApi.LIST);
 * }
 * }</pre>
 *
 * <p><b>Calls.</b> The blocking methods ({@link #query}, {@link #mutate}) are meant for virtual
 * threads; the {@code …Async} methods return a {@link CompletableFuture} instead. Every failure is a
 * {@link ParleyClientException}: thrown by the blocking methods (with the caller's stack trace),
 * completing the future of the others. Naming a procedure that is not in the HTTP client's
 * contract is a programming error: {@link IllegalArgumentException}, thrown at once.
 *
 * <p><b>Roles.</b> A client is built for one {@link Role}: {@code ParleyClient.http(base, CONTRACT,
 * AGENT, options)} is a {@code ParleyClient<Agent>}, whose methods accept descriptors of the shared
 * surface and of {@code Agent} (and of the roles {@code Agent} extends); naming another role's
 * descriptor does not compile, and one smuggled in by an unchecked cast is refused with {@link
 * IllegalArgumentException} before anything is sent. The factories without a role build a {@code
 * ParleyClient<Shared>}, for the shared surface. The role is the client's claim; the server decides
 * from the credentials it is sent (e.g. {@link ClientOptions.Builder#header} {@code authorization})
 * and answers a call outside the caller's surface {@code NOT_FOUND}.
 *
 * <p><b>Over HTTP</b> ({@link #http(URI, Contract, ClientOptions)}) the client speaks tRPC v11's
 * wire: a query is {@code GET {base}/{name}?input=<url-encoded JSON>}, a mutation {@code POST
 * {base}/{name}} with a JSON body, a batch {@code {base}/{a},{b}?batch=1} with the inputs as {@code
 * {"0":…,"1":…}}. Its rules, with the {@link ClientOptions} that set them:
 *
 * <ul>
 *   <li><b>No added latency:</b> while fewer than {@code maxConcurrentRequests} (default 6) HTTP
 *       requests are in flight, a call leaves at once, alone.
 *   <li><b>Batching:</b> calls made while all those requests are busy wait in a queue, queries and
 *       mutations apart. When a request finishes, the waiting calls leave together as one batch:
 *       the queue whose oldest call is older goes first, up to {@code maxBatchSize} calls (default
 *       32, the server's limit); queries as one {@code GET}, split when its URL would pass {@code
 *       maxUrlLength} (default 4096 characters), mutations as one {@code POST}. Queries and
 *       mutations never share a batch, and calls leave in the order they came. {@code
 *       batching(false)} sends every call alone at once.
 *   <li><b>De-duplication:</b> a query identical to one queued or in flight (same name, same encoded
 *       input) does not make a second call: both callers share its one HTTP call and its answer
 *       (the same output instance). Each caller keeps its own timeout and may cancel alone; the
 *       call is dropped, or its HTTP request cancelled, only when no caller waits for it. Once
 *       answered, a query is no longer shared: the next identical one calls again. Mutations are
 *       never de-duplicated. {@code deduplicate(false)} turns this off.
 *   <li><b>Cache:</b> a {@linkplain dev.parley.Query#isCacheable() cacheable} query is answered
 *       from the client's cache until a mutation overlapping its resources (this client's, or one
 *       the server pushes over a WebSocket to a listening client), a {@linkplain
 *       dev.parley.Query#isStatic() static} one once per input for good, any other query once per
 *       {@link ClientOptions#staleAfter()} (default: never). A cached answer is one instance,
 *       shared by its callers as a de-duplicated one is: it must not be changed.
 *   <li><b>Deadlines:</b> a call that has no answer within its timeout ({@link #withTimeout},
 *       default {@code ClientOptions.timeout()}, 30 s) fails with {@code TIMEOUT} and status 0; its
 *       HTTP request is cancelled once no other call rides on it, which interrupts its handler on
 *       the server. The time left is sent in the {@code parley-timeout} header (as gRPC's {@code
 *       grpc-timeout}), so the server stops the handler at the same moment; the server's own
 *       request timeout still applies and is answered with {@code TIMEOUT} and status 408.
 *   <li><b>Streamed batches:</b> with {@code streamBatches(true)} a batch asks for tRPC's streamed
 *       answer ({@code httpBatchStreamLink}), and each of its calls completes as soon as its own
 *       answer arrives.
 *   <li>Outputs are decoded with the procedure's output schema and validated by it; a mutation's
 *       resources come from {@code result.resources}. See {@link ParleyClientException} for how each
 *       failure is reported; an unreachable server is {@code SERVICE_UNAVAILABLE}.
 * </ul>
 *
 * <p><b>Over a WebSocket</b> ({@link #websocket(URI, Contract, ClientOptions)}, e.g. {@code
 * ws://localhost:8080/parley}) the client speaks tRPC v11's {@code wsLink} messages on one
 * connection, which it opens at once: every query, mutation and subscription is a message with an
 * id, answered by messages naming it. Timeouts are as over HTTP (but the server hears of none; a
 * late answer is dropped). {@link ClientOptions#connectionParams()}, when set, are sent first on
 * every connection (the server's {@code authenticate} hook reads them), and its headers go with the
 * upgrade request. The connection is kept alive with {@code PING}; when it is lost, or the server
 * asks its clients to {@code reconnect}, the client opens another after a backoff delay (see {@link
 * ClientOptions#reconnectDelay()}) and subscribes again to every live subscription from its last
 * event id; the queries and mutations sent on the lost connection fail with {@code
 * SERVICE_UNAVAILABLE}, those made while there is none wait for the next attempt. A server that
 * refuses the client's credentials (answers {@code UNAUTHORIZED} or {@code FORBIDDEN} naming no
 * call, and closes {@code 1008}) is not called again with them: the client closes itself, and
 * everything live and every later call fails with that error. {@link #connectionState()} and {@link
 * #onConnectionState} tell the state of the connection.
 *
 * <p><b>Events and client procedures</b> need a WebSocket client: {@link #on} hears the server's
 * events, {@link #emit} fires one-way client events, {@link #register} implements client procedures
 * that the server calls. Using any of them makes the client say {@code parley.hello} on every
 * connection, and tell each new one its registered procedures again; events pushed while it had
 * no connection are not replayed.
 *
 * <p><b>In process</b> ({@link #inProcess(Invoker)}) a blocking call is a direct call of {@link
 * Invoker#call}: no serialization, no future. The server validates, runs its middleware and
 * applies the deadline (the smaller of the client's timeout and its own); a timed call runs on a
 * virtual thread of the server's, so that it ends at its deadline. An {@code …Async} call runs on
 * a new virtual thread.
 *
 * <p><b>From a static dump</b> ({@link #fromDump(Path, Contract)}) there is no server: queries are
 * answered from the files a server's build step wrote, and mutations and subscriptions are
 * refused {@code METHOD_NOT_SUPPORTED}.
 *
 * <p><b>Thread-safety and lifetime.</b> A client is thread-safe and meant to be shared. {@link
 * #withTimeout} views share it; closing any of them closes all: queued and in-flight calls fail
 * with {@code CLIENT_CLOSED_REQUEST}, and so does every later call.
 *
 * @param <R> the role this client calls as; {@link Shared} for the shared surface only
 */
public final class ParleyClient<R extends Shared> implements AutoCloseable {
  private final CachedLink link;
  private final Role<R> role;
  private final Duration timeout;

  private ParleyClient(CachedLink link, Role<R> role, Duration timeout) {
    this.link = link;
    this.role = Objects.requireNonNull(role, "role");
    this.timeout = timeout;
  }

  /**
   * A client of the shared surface of {@code contract} served at {@code base} (e.g. {@code
   * http://localhost:8080/parley}), with the default {@link ClientOptions}.
   *
   * @throws IllegalArgumentException when {@code base} is not an absolute http(s) URI without
   *     query or fragment
   */
  public static ParleyClient<Shared> http(URI base, Contract contract) {
    return http(base, contract, Role.SHARED, ClientOptions.defaults());
  }

  /**
   * A client of the shared surface of {@code contract} served at {@code base}, with {@code
   * options}; see {@link #http(URI, Contract, Role, ClientOptions)}.
   */
  public static ParleyClient<Shared> http(URI base, Contract contract, ClientOptions options) {
    return http(base, contract, Role.SHARED, options);
  }

  /**
   * A client for callers of {@code role} of {@code contract} served at {@code base}, with {@code
   * options}, which carry the credentials the server resolves that role from. It holds one {@code
   * java.net.http.HttpClient} until {@link #close()}.
   *
   * @throws IllegalArgumentException when {@code base} is not an absolute http(s) URI without
   *     query or fragment, or a header of {@code options} is one the JDK does not let callers set
   */
  public static <R extends Shared> ParleyClient<R> http(
      URI base, Contract contract, Role<R> role, ClientOptions options) {
    return new ParleyClient<>(new CachedLink(new HttpLink(base, contract, options), options), role,
        options.timeout());
  }

  /**
   * A client of the shared surface of {@code contract} over one WebSocket to {@code uri} (e.g.
   * {@code ws://localhost:8080/parley}, the server's base path), with the default {@link
   * ClientOptions}; see {@link #websocket(URI, Contract, Role, ClientOptions)}.
   */
  public static ParleyClient<Shared> websocket(URI uri, Contract contract) {
    return websocket(uri, contract, Role.SHARED, ClientOptions.defaults());
  }

  /**
   * A client of the shared surface of {@code contract} over one WebSocket to {@code uri}, with
   * {@code options}; see {@link #websocket(URI, Contract, Role, ClientOptions)}.
   */
  public static ParleyClient<Shared> websocket(URI uri, Contract contract, ClientOptions options) {
    return websocket(uri, contract, Role.SHARED, options);
  }

  /**
   * A client for callers of {@code role} of {@code contract} over one WebSocket to {@code uri},
   * with {@code options}, whose headers and {@code connectionParams} carry the credentials the
   * server resolves that role from. It starts connecting at once, and holds one {@code
   * java.net.http.HttpClient} and its connection until {@link #close()}:
   *
   * <pre>{@code
   * var client = ParleyClient.websocket(URI.create("ws://localhost:8080/parley"), Chat.CONTRACT,
   *     Chat.MEMBER, ClientOptions.builder().connectionParam("token", token).build());
   * }</pre>
   *
   * @throws IllegalArgumentException when {@code uri} is not an absolute ws(s) URI without query or
   *     fragment, or a header of {@code options} is one the JDK does not let callers set
   */
  public static <R extends Shared> ParleyClient<R> websocket(
      URI uri, Contract contract, Role<R> role, ClientOptions options) {
    return new ParleyClient<>(new CachedLink(new SocketLink(uri, contract, options), options), role,
        options.timeout());
  }

  /**
   * A client of the shared surface that calls {@code invoker} in this JVM (for a server, {@code
   * server.invoker()}, an anonymous caller). Its default timeout is {@link Duration#ZERO}: the
   * server's own.
   */
  public static ParleyClient<Shared> inProcess(Invoker invoker) {
    return inProcess(invoker, Role.SHARED);
  }

  /**
   * A client for callers of {@code role} that calls {@code invoker} in this JVM (for a server,
   * {@code server.invoker(identity)}, whose role the server checks and whose context its factory
   * makes).
   */
  public static <R extends Shared> ParleyClient<R> inProcess(Invoker invoker, Role<R> role) {
    return new ParleyClient<>(new CachedLink(new InProcessLink(invoker),
        ClientOptions.builder().timeout(Duration.ZERO).build()), role, Duration.ZERO);
  }

  /**
   * A client of the shared surface of {@code contract} with no server: it answers queries from the
   * static dump in {@code dir} (written by the server's {@code dump}); see {@link #fromDump(Path,
   * Contract, Role)}.
   */
  public static ParleyClient<Shared> fromDump(Path dir, Contract contract) {
    return fromDump(dir, contract, Role.SHARED);
  }

  /**
   * A client for callers of {@code role} of {@code contract} with no server, answering from the
   * static dump in {@code dir}, which it reads once, now. A query's input is validated by its
   * schema as always (a bad one is {@code BAD_REQUEST}), then looked up by its canonical JSON; the
   * output is decoded with the query's output schema, a fresh object for each call. An input the
   * dump lacks is answered with the query's fallback when the dump has one, else {@code
   * NOT_FOUND}, and so is a query the dump did not record. A mutation or a subscription is refused
   * {@code METHOD_NOT_SUPPORTED} ("the client answers from a static dump: mutations are not
   * available"). Timeouts do not apply: every answer is immediate.
   *
   * <pre>{@code
   * try (var client = ParleyClient.fromDump(Path.of("site/dump"), TodoApi.CONTRACT)) {
   *   List<Todo> todos = client.query(TodoApi.GET_TODOS);
   * }
   * }</pre>
   *
   * @throws IllegalArgumentException naming the file and the fault when the dump is malformed
   *     (missing, truncated, of another format version), answers a procedure that is not a query of
   *     {@code contract}, or holds an output that does not fit its schema
   * @throws java.io.UncheckedIOException when a file of the dump cannot be read
   */
  public static <R extends Shared> ParleyClient<R> fromDump(
      Path dir, Contract contract, Role<R> role) {
    return new ParleyClient<>(new CachedLink(new DumpLink(dir, contract), ClientOptions.defaults()),
        role, Duration.ZERO);
  }

  /** The role this client calls as. */
  public Role<R> role() {
    return role;
  }

  /**
   * A view of this client whose calls have {@code timeout} as their limit; it shares this client's
   * connection, batching and lifetime.
   *
   * @param timeout the per-call limit; {@link Duration#ZERO} for none from the client (over HTTP)
   *     or the server's default (in process)
   * @throws IllegalArgumentException when {@code timeout} is negative
   */
  public ParleyClient<R> withTimeout(Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative()) {
      throw new IllegalArgumentException("timeout: " + timeout + " (expected: >= 0)");
    }
    return new ParleyClient<>(link, role, timeout);
  }

  /** The per-call timeout of this client or view; {@link Duration#ZERO} when it sets none. */
  public Duration timeout() {
    return timeout;
  }

  /**
   * Calls {@code query} with {@code input} and waits for its output.
   *
   * @param input the input; {@code null} only where the input schema allows it
   * @return the output; {@code null} only for a {@code Void} output
   * @throws ParleyClientException when the call fails, whatever the reason
   */
  public <I, O> O query(Query<? super R, I, O> query, @Nullable I input) {
    return link.call(role.require(Objects.requireNonNull(query, "query")), input, timeout);
  }

  /** Calls {@code query}, which takes no input, and waits for its output; see {@link #query(Query, Object)}. */
  public <O> O query(Query<? super R, Void, O> query) {
    return link.call(role.require(Objects.requireNonNull(query, "query")), null, timeout);
  }

  /**
   * Calls {@code query} with {@code input}; the future completes with its output or a {@link
   * ParleyClientException}. Cancelling the future stops waiting for the call.
   */
  public <I, O> CompletableFuture<O> queryAsync(Query<? super R, I, O> query, @Nullable I input) {
    return link.callAsync(role.require(Objects.requireNonNull(query, "query")), input, timeout);
  }

  /** Calls {@code query}, which takes no input; see {@link #queryAsync(Query, Object)}. */
  public <O> CompletableFuture<O> queryAsync(Query<? super R, Void, O> query) {
    return link.callAsync(role.require(Objects.requireNonNull(query, "query")), null, timeout);
  }

  /**
   * Calls {@code mutation} with {@code input} and waits for its output. A mutation is sent once:
   * never retried, never de-duplicated.
   *
   * @param input the input; {@code null} only where the input schema allows it
   * @return the output; {@code null} only for a {@code Void} output
   * @throws ParleyClientException when the call fails, whatever the reason
   */
  public <I, O> O mutate(Mutation<? super R, I, O> mutation, @Nullable I input) {
    return link.call(role.require(Objects.requireNonNull(mutation, "mutation")), input, timeout);
  }

  /** Calls {@code mutation}, which takes no input, and waits; see {@link #mutate(Mutation, Object)}. */
  public <O> O mutate(Mutation<? super R, Void, O> mutation) {
    return link.call(role.require(Objects.requireNonNull(mutation, "mutation")), null, timeout);
  }

  /**
   * Calls {@code mutation} with {@code input}; the future completes with its output or a {@link
   * ParleyClientException}.
   */
  public <I, O> CompletableFuture<O> mutateAsync(
      Mutation<? super R, I, O> mutation, @Nullable I input) {
    return link.callAsync(role.require(Objects.requireNonNull(mutation, "mutation")), input, timeout);
  }

  /** Calls {@code mutation}, which takes no input; see {@link #mutateAsync(Mutation, Object)}. */
  public <O> CompletableFuture<O> mutateAsync(Mutation<? super R, Void, O> mutation) {
    return link.callAsync(role.require(Objects.requireNonNull(mutation, "mutation")), null, timeout);
  }

  /**
   * Calls {@code mutation} with {@code input} and waits for its whole result: the output and the
   * resources the server reported it changed, over HTTP and in process alike.
   *
   * @param input the input; {@code null} for a {@code Void} input
   * @throws ParleyClientException when the call fails, whatever the reason
   */
  public <I, O> MutationResult<O> mutateForResult(
      Mutation<? super R, I, O> mutation, @Nullable I input) {
    return link.mutate(role.require(Objects.requireNonNull(mutation, "mutation")), input, timeout);
  }

  /**
   * Calls {@code mutation} with {@code input}; the future completes with its whole result (see
   * {@link #mutateForResult}) or a {@link ParleyClientException}.
   */
  public <I, O> CompletableFuture<MutationResult<O>> mutateForResultAsync(
      Mutation<? super R, I, O> mutation, @Nullable I input) {
    return link.mutateAsync(role.require(Objects.requireNonNull(mutation, "mutation")), input, timeout);
  }

  /**
   * Subscribes to {@code subscription} with {@code input}: {@code listener} hears its start, each
   * value in order, then at most one end, under the contract of {@link SubscriptionListener}, on a
   * thread of the client's. The returned handle stops it.
   *
   * <pre>{@code
   * ClientSubscription feed = client.subscribe(Chat.ON_MESSAGE, new Room("lobby"),
   *     (said, id) -> show(said));
   * ...
   * feed.stop();
   * }</pre>
   *
   * <p>The subscription outlives a lost connection: over HTTP (Server-Sent Events, one HTTP/1.1
   * connection per subscription, dropped and replaced when it stays silent longer than the server
   * said its pings would) and over a WebSocket the client subscribes again by itself, after a backoff
   * delay ({@link ClientOptions#reconnectDelay()}), with the event id of the last value it
   * received, so that the server resumes after it (nothing lost, nothing twice, when the server
   * keeps a replay window); the listener hears no second {@code onStarted}. It does the same when
   * the server ends the subscription with {@code SERVICE_UNAVAILABLE}, {@code BAD_GATEWAY}, {@code
   * GATEWAY_TIMEOUT} or {@code INTERNAL_SERVER_ERROR}, as tRPC's clients do. Any other error ends
   * it: {@code onError} with a {@link ParleyClientException} (a refused role is {@code NOT_FOUND},
   * a bad input {@code BAD_REQUEST}, a value that does not fit the output schema {@code
   * INTERNAL_SERVER_ERROR}). Closing the client ends every live subscription with {@code
   * CLIENT_CLOSED_REQUEST}.
   *
   * <p>A subscription has no timeout: it lasts until stopped, ended by the server, or the client
   * closed. Over SSE the server opens the stream before it checks the input, so {@code onStarted} means
   * the stream opened and a refused input follows as {@code onError}. In process the listener is
   * called on the handler's thread with the server's own objects, and nothing reconnects.
   *
   * <p>A listener may block, even on calls of this client, but while it does its subscription
   * waits (over a WebSocket, once a subscription has {@link ClientOptions#maxQueuedValues()} values
   * waiting for its listener, the client stops reading the connection until the listener catches
   * up). A listener that throws is
   * logged and its subscription stopped.
   *
   * @param input the input; {@code null} only where the input schema allows it
   * @return the handle that stops it; the subscription runs until then, until the server ends it,
   *     or until the client is closed
   * @throws IllegalArgumentException when {@code subscription} is not in the client's contract or
   *     not for its role
   */
  public <I, O> ClientSubscription subscribe(Subscription<? super R, I, O> subscription,
      @Nullable I input, SubscriptionListener<O> listener) {
    return link.subscribe(role.require(Objects.requireNonNull(subscription, "subscription")),
        input, Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Subscribes to {@code subscription}, which takes no input; see {@link #subscribe(Subscription,
   * Object, SubscriptionListener)}.
   */
  public <O> ClientSubscription subscribe(Subscription<? super R, Void, O> subscription,
      SubscriptionListener<O> listener) {
    return subscribe(subscription, null, listener);
  }

  /**
   * Subscribes to {@code topic} with {@code params}, as super-line's topics: the server's
   * subscribe hook accepts (maybe narrowing the params) or refuses, and this waits for it (at most
   * the client's {@link #timeout()}). Each message the server publishes to those params reaches
   * {@code onMessage} in order, on one thread at a time. After the WebSocket reconnects, it
   * subscribes again by itself, after the last event id heard when the topic keeps messages, so
   * that it gets those it missed; a refusal then reaches {@code onError}. Needs a {@link
   * #websocket} client.
   *
   * @return the subscription: {@code close} it to stop
   * @throws ParleyClientException the server's refusal ({@code NOT_FOUND} for a topic outside the
   *     caller's role, {@code BAD_REQUEST} for params that do not fit, {@code TOO_MANY_REQUESTS}
   *     past the server's limit, or what the hook threw), {@code TIMEOUT}, or {@code
   *     METHOD_NOT_SUPPORTED} for a client that is not a WebSocket one
   * @throws IllegalArgumentException when {@code topic} is not for the client's role
   */
  public <P, M> TopicSubscription subscribe(Topic<? super R, P, M> topic, @Nullable P params,
      Consumer<? super M> onMessage, Consumer<? super ParleyClientException> onError) {
    return link.subscribe(role.require(Objects.requireNonNull(topic, "topic")), params,
        Objects.requireNonNull(onMessage, "onMessage"), Objects.requireNonNull(onError, "onError"),
        timeout);
  }

  /**
   * Observes {@code state} (Devframe's shared state): {@code onValue} hears its current value
   * first (once the server set one), then every change, in order, on one thread at a time. Waits
   * (at most the client's {@link #timeout()}) for the server to accept. After the WebSocket
   * reconnects, it observes again by itself and hears the current value again. Needs a {@link
   * #websocket} client.
   *
   * @return the observation: {@code close} it to stop
   * @throws ParleyClientException {@code NOT_FOUND} for a state outside the caller's role, {@code
   *     TIMEOUT}, or {@code METHOD_NOT_SUPPORTED} for a client that is not a WebSocket one
   * @throws IllegalArgumentException when {@code state} is not for the client's role
   */
  public <T> StateObservation observe(State<? super R, T> state, Consumer<? super T> onValue,
      Consumer<? super ParleyClientException> onError) {
    return link.observe(role.require(Objects.requireNonNull(state, "state")),
        Objects.requireNonNull(onValue, "onValue"), Objects.requireNonNull(onError, "onError"),
        timeout);
  }

  /**
   * Sets {@code state} to {@code value}, which the server checks against its schema and sends to
   * every observer; waits for it (at most the client's {@link #timeout()}).
   *
   * @return the state's new version
   * @throws ParleyClientException {@code FORBIDDEN} when the state is not {@linkplain
   *     State#clientWritable() client-writable}, {@code BAD_REQUEST} for a value that does not
   *     fit, {@code NOT_FOUND} outside the caller's role, {@code SERVICE_UNAVAILABLE} while not
   *     connected, {@code TIMEOUT}
   * @throws IllegalArgumentException when {@code state} is not for the client's role
   */
  public <T> long set(State<? super R, T> state, T value) {
    return link.set(role.require(Objects.requireNonNull(state, "state")), value, timeout);
  }

  /**
   * Connects to {@code channel} with {@code params} and {@code request}, as Covenant's {@code
   * connect}: the server's {@code onConnect} accepts (the connection gets a token its sends name)
   * or refuses, and this waits for it (at most the client's {@link #timeout()}). Messages from the
   * server reach {@code onMessage} in order, on one thread at a time; refusals of later sends and
   * of a reconnect reach {@code onError}. After the WebSocket reconnects, the channel connects
   * again by itself ({@code onConnect} runs again). Needs a {@link #websocket} client.
   *
   * <pre>{@code
   * try (var room = client.connect(ChatApi.ROOM, new RoomId("general"), new Join("ada"),
   *     said -> show(said), error -> log(error))) {
   *   room.send(new Say("hello"));
   * }
   * }</pre>
   *
   * @return the connection: {@code send} to it, {@code close} it to leave
   * @throws ParleyClientException the server's refusal ({@code NOT_FOUND} for a channel outside
   *     the caller's role, {@code BAD_REQUEST} for params or a request that do not fit, {@code
   *     TOO_MANY_REQUESTS} past the server's limit, or what {@code onConnect} threw), {@code
   *     TIMEOUT}, or {@code METHOD_NOT_SUPPORTED} for a client that is not a WebSocket one
   * @throws IllegalArgumentException when {@code channel} is not for the client's role
   */
  @SuppressWarnings("unchecked")
  public <P, Q, CM, SM> ChannelConnection<CM> connect(
      Channel<? super R, P, Q, ?, CM, SM> channel, @Nullable P params, @Nullable Q request,
      Consumer<? super SM> onMessage, Consumer<? super ParleyClientException> onError) {
    return (ChannelConnection<CM>) link.connect(
        role.require(Objects.requireNonNull(channel, "channel")), params, request,
        Objects.requireNonNull(onMessage, "onMessage"), Objects.requireNonNull(onError, "onError"),
        timeout);
  }

  /**
   * Listens to {@code query} with {@code input}: the client calls it, hands its output to {@code
   * onValue}, and calls it again each time an overlapping mutation happens, until the returned
   * handle is closed. "Overlapping" compares the resources the query's last answer declared (its
   * implementation's {@code resources}, e.g. {@code "todos"}) with those a mutation changed, exact
   * names and {@code prefix/*} patterns on either side ({@code "todo/*"} overlaps {@code
   * "todo/3"}, not {@code "todos"}).
   *
   * <pre>{@code
   * LiveQuery live = client.listen(TodoApi.LIST, null, list -> render(list), error -> show(error));
   * ...
   * live.close();
   * }</pre>
   *
   * <p>Which mutations it hears of: this client's own, on any link (the resources of their
   * answers); and, over a WebSocket ({@link #websocket}), every other client's, pushed by the
   * server: the client says {@code parley.hello} on its connection and {@code parley.watch}es the
   * resources its listened queries' answers declared, and the server sends it {@code
   * parley.invalidate} for the mutations (and {@code ParleyServer.invalidate} calls) that overlap
   * them, and to no connection that does not watch them. <b>A client over HTTP or in process
   * hears only of its own mutations.</b>
   *
   * <p>Refetches are bounded: one call at a time per query and input, and one more remembered
   * while it runs, however many invalidations come (listeners of the same query and input share
   * them, and its {@linkplain ClientOptions#staleAfter() fresh} cached answer). After the
   * connection is lost and opened again, the client watches again and refetches everything it
   * listens to, since it may have missed invalidations. A failed call goes to {@code onError}; the
   * listener stays, and the next invalidation refetches.
   *
   * <p>The callbacks run one at a time, in order, on a thread of the client's, and may block; once
   * {@link LiveQuery#close()} returned they are not called again. Closing the client closes its
   * listeners.
   *
   * @param input the input; {@code null} only where the input schema allows it
   * @throws ParleyClientException {@code CLIENT_CLOSED_REQUEST} when the client is closed
   */
  public <I, O> LiveQuery listen(Query<? super R, I, O> query, @Nullable I input,
      Consumer<? super @Nullable O> onValue, Consumer<? super ParleyClientException> onError) {
    return listen(query, input, Set.of(), onValue, onError);
  }

  /**
   * Listens to {@code query} with {@code input} as {@link #listen(Query, Object, Consumer,
   * Consumer)} does, and also refetches when a mutation overlaps one of {@code resources}: names
   * (or patterns) the client knows the query depends on beyond those its answers declare.
   */
  public <I, O> LiveQuery listen(Query<? super R, I, O> query, @Nullable I input,
      Set<String> resources, Consumer<? super @Nullable O> onValue,
      Consumer<? super ParleyClientException> onError) {
    role.require(Objects.requireNonNull(query, "query"));
    return link.listen(query, input, Set.copyOf(Objects.requireNonNull(resources, "resources")),
        Objects.requireNonNull(onValue, "onValue"), Objects.requireNonNull(onError, "onError"));
  }

  /**
   * Has {@code handler} hear every {@code event} the server pushes to this client from now on, in
   * the order they came, one at a time on a thread of the client's (never the connection's); the
   * payload is checked against the event's schema first (an invalid one is logged and dropped).
   * The client says {@code parley.hello} on its connection and on every later one, so the server
   * counts it among its connections. Events pushed while the client is disconnected are not
   * replayed after it reconnects.
   *
   * <pre>{@code
   * Registration r = client.on(ChatApi.PRESENCE, p -> show(p.online()));
   * }</pre>
   *
   * @return what stops the handler
   * @throws IllegalStateException when the client is not a WebSocket client
   */
  public <P> Registration on(dev.parley.Event<? super R, P> event,
      Consumer<? super P> handler) {
    role.require(Objects.requireNonNull(event, "event"));
    return realtime().on(event, Objects.requireNonNull(handler, "handler"));
  }

  /**
   * Fires the one-way client event {@code event} with {@code payload} on the connection, if one is
   * open; nothing is answered, and a payload the server finds invalid is dropped there.
   *
   * @return whether it was sent: false when no connection is open (it is dropped, not queued)
   * @throws IllegalArgumentException when the payload is not valid by the event's schema
   * @throws IllegalStateException when the client is not a WebSocket client
   */
  public <P> boolean emit(dev.parley.ClientEvent<? super R, P> event, P payload) {
    role.require(Objects.requireNonNull(event, "event"));
    return realtime().emit(event, payload);
  }

  /**
   * Implements the client procedure {@code procedure} with {@code handler}: the server is told
   * ({@code parley.register}) on this connection and on every later one, and may then call it.
   * Each call runs {@code handler} on a virtual thread of its own; its input is checked first and
   * its output before it is sent.
   *
   * @return what takes the implementation back (later calls are answered {@code NOT_FOUND})
   * @throws IllegalStateException when it is implemented already, or the client is not a
   *     WebSocket client
   */
  public <I, O> Registration register(dev.parley.ClientProcedure<? super R, I, O> procedure,
      ClientProcedureHandler<I, O> handler) {
    role.require(Objects.requireNonNull(procedure, "procedure"));
    return realtime().register(procedure, Objects.requireNonNull(handler, "handler"));
  }

  private dev.parley.client.internal.Realtime realtime() {
    var r = link.realtime();
    if (r == null) {
      throw new IllegalStateException("events and client procedures need a WebSocket client"
          + " (ParleyClient.websocket), not " + link);
    }
    return r;
  }

  /**
   * The state of the client's connection: for a WebSocket client, whether its connection is
   * open; an HTTP or in-process client is {@link ConnectionState#OPEN} until closed.
   */
  public ConnectionState connectionState() {
    return link.states().get();
  }

  /**
   * Has {@code listener} hear the client's connection state: the current one at once, then every
   * change until {@link ConnectionState#CLOSED}, on a thread of the client's.
   *
   * <pre>{@code
   * client.onConnectionState((state, cause) -> banner.show(state != ConnectionState.OPEN));
   * }</pre>
   */
  public void onConnectionState(ConnectionListener listener) {
    link.states().add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Closes the client and every view of it: later calls fail with {@code CLIENT_CLOSED_REQUEST},
   * and so do calls not answered yet (over HTTP their requests are cancelled) and live
   * subscriptions ({@code onError}). Idempotent.
   */
  @Override
  public void close() {
    link.close();
  }

  @Override
  public String toString() {
    return "ParleyClient[" + link + ", " + role.name() + ", timeout " + timeout + "]";
  }
}
