package dev.parley.client;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The settings and limits of a {@link ParleyClient} over HTTP or WebSocket. Every one has a
 * default; build other values with {@link #builder()}:
 *
 * <pre>{@code
 * ClientOptions options = ClientOptions.builder()
 *     .httpVersion(HttpClient.Version.HTTP_2).timeout(Duration.ofSeconds(5)).build();
 * }</pre>
 *
 * <p>{@code batching}, {@code maxConcurrentRequests}, {@code maxBatchSize}, {@code maxUrlLength},
 * {@code deduplicate}, {@code streamBatches} and {@code httpVersion} concern HTTP calls only;
 * {@code pingInterval}, {@code pongTimeout}, {@code connectionParams} and {@code maxQueuedValues}
 * the WebSocket link only.
 *
 * @param timeout the longest a call waits for its answer, per call, unless {@link
 *     ParleyClient#withTimeout(Duration)} says otherwise; on expiry the call fails with {@code
 *     TIMEOUT} and its HTTP request is cancelled (when no other call rides on it). Default 30
 *     seconds; {@link Duration#ZERO} means no client-side limit; must not be negative
 * @param connectTimeout the longest to wait for a TCP connection; past it the call fails with
 *     {@code SERVICE_UNAVAILABLE}. Default 10 seconds; {@link Duration#ZERO} means the JDK's
 *     default (none); must not be negative
 * @param httpVersion {@link HttpClient.Version#HTTP_1_1} (the default) or {@link
 *     HttpClient.Version#HTTP_2}; HTTP/2 to an {@code http://} base is h2c by upgrade, to {@code
 *     https://} by ALPN, falling back to HTTP/1.1 when the server does not speak it. A
 *     subscription over HTTP (SSE) always has an HTTP/1.1 connection of its own, so that one that
 *     falls silent can be closed and replaced without touching the others
 * @param batching whether calls issued while every request slot is busy leave together as one
 *     batch (see {@link ParleyClient}). Default {@code true}; {@code false} sends every call as its
 *     own HTTP request at once, with no limit on concurrent requests
 * @param maxConcurrentRequests the most HTTP requests in flight at once when batching; calls
 *     arriving while all are busy wait and leave as a batch when one finishes. Default {@value
 *     #DEFAULT_MAX_CONCURRENT_REQUESTS} (what browsers allow per host); must be {@code > 0}
 * @param maxBatchSize the most calls in one batch. Default {@value #DEFAULT_MAX_BATCH_SIZE}, the
 *     server's default limit; must be {@code > 0} and not above the server's {@code maxBatchSize}
 * @param maxUrlLength the longest URL, in characters, of a batched query {@code GET}; a batch that
 *     would be longer is split. A single query is sent whatever its length. Default {@value
 *     #DEFAULT_MAX_URL_LENGTH} (Jetty accepts request lines up to 8 KiB by default); must be {@code
 *     > 0}
 * @param deduplicate whether identical queries (same procedure, same encoded input) in flight at
 *     once share one call and its answer. Default {@code true}; mutations are never de-duplicated
 * @param streamBatches whether a batch asks for a streamed answer ({@code trpc-accept:
 *     application/jsonl}, as tRPC's {@code httpBatchStreamLink}): each call of the batch completes
 *     as soon as the server has its answer, instead of when the whole batch is answered. Default
 *     {@code false}
 * @param headers HTTP headers sent with every request, e.g. {@code authorization}; default none.
 *     Headers the JDK sets itself ({@code host}, {@code content-length}, {@code connection} …) are
 *     refused by {@link ParleyClient#http(java.net.URI, dev.parley.Contract, ClientOptions)}; a
 *     WebSocket client sends them with its upgrade request
 * @param reconnectDelay how long a subscription (SSE) or the WebSocket link waits before its
 *     first attempt to reconnect after losing its connection; each failed attempt doubles it, up
 *     to {@code maxReconnectDelay}, and each wait is drawn at random between half the delay and
 *     the whole (jitter, so that clients dropped together do not return together). The doubling
 *     starts over once a new connection delivers something. Default 500 ms; must be {@code > 0}
 * @param maxReconnectDelay the longest wait between two attempts to reconnect. Default 30 seconds;
 *     must not be below {@code reconnectDelay}
 * @param pingInterval how long the WebSocket link lets its connection be silent before it sends
 *     {@code PING} to learn whether it is alive. Default 10 seconds; {@link Duration#ZERO} sends
 *     none; must not be negative
 * @param pongTimeout how long the WebSocket link waits for anything from the server after a
 *     {@code PING} before it takes the connection for dead, closes it and reconnects. Default 5
 *     seconds; must be {@code > 0}
 * @param connectionParams the parameters the WebSocket link sends in a {@code connectionParams}
 *     message, first on every connection it opens (its URL then says {@code
 *     ?connectionParams=1}), e.g. {@code token} for the server's {@code authenticate} hook. Default
 *     none: no such message
 * @param maxQueuedValues how many values of one subscription may wait for its listener (which runs
 *     on a thread of its own, and may be slow) before the WebSocket link stops reading its
 *     connection until that listener catches up, so that a slow listener holds the server back
 *     instead of filling the client's memory. Default {@value #DEFAULT_MAX_QUEUED_VALUES}; must be
 *     {@code > 0}
 * @param maxCacheEntries how many query answers the client's query cache keeps, keyed by procedure
 *     and canonical input; past it the least recently used entry that no {@linkplain
 *     ParleyClient#listen listener} needs is dropped (listened ones are always kept). Default
 *     {@value #DEFAULT_MAX_CACHE_ENTRIES}; must be {@code > 0}
 * @param staleAfter how long a cached answer stays fresh: while it is, {@link ParleyClient#query}
 *     answers from the cache without a call; an overlapping mutation (this client's, or pushed by
 *     the server over a WebSocket) makes it stale at once. Default {@link Duration#ZERO}: never
 *     fresh, every query calls the server (the cache then only feeds listeners); must not be
 *     negative. It does not apply to a {@linkplain dev.parley.Query#isCacheable() cacheable}
 *     query, whose answer stays fresh until an overlapping mutation, nor to a {@linkplain
 *     dev.parley.Query#isStatic() static} one, whose answer for an input never goes stale
 */
public record ClientOptions(
    Duration timeout,
    Duration connectTimeout,
    HttpClient.Version httpVersion,
    boolean batching,
    int maxConcurrentRequests,
    int maxBatchSize,
    int maxUrlLength,
    boolean deduplicate,
    boolean streamBatches,
    Map<String, String> headers,
    Duration reconnectDelay,
    Duration maxReconnectDelay,
    Duration pingInterval,
    Duration pongTimeout,
    Map<String, String> connectionParams,
    int maxQueuedValues,
    int maxCacheEntries,
    Duration staleAfter) {

  /** The default of {@link #timeout()}: 30 seconds. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  /** The default of {@link #connectTimeout()}: 10 seconds. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
  /** The default of {@link #maxConcurrentRequests()}: 6 requests. */
  public static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 6;
  /** The default of {@link #maxBatchSize()}: 32 calls. */
  public static final int DEFAULT_MAX_BATCH_SIZE = 32;
  /** The default of {@link #maxUrlLength()}: 4096 characters. */
  public static final int DEFAULT_MAX_URL_LENGTH = 4096;
  /** The default of {@link #reconnectDelay()}: 500 milliseconds. */
  public static final Duration DEFAULT_RECONNECT_DELAY = Duration.ofMillis(500);
  /** The default of {@link #maxReconnectDelay()}: 30 seconds. */
  public static final Duration DEFAULT_MAX_RECONNECT_DELAY = Duration.ofSeconds(30);
  /** The default of {@link #pingInterval()}: 10 seconds. */
  public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(10);
  /** The default of {@link #maxQueuedValues()}: 256 values. */
  public static final int DEFAULT_MAX_QUEUED_VALUES = 256;
  /** The default of {@link #maxCacheEntries()}: {@value} answers. */
  public static final int DEFAULT_MAX_CACHE_ENTRIES = 256;
  /** The default of {@link #pongTimeout()}: 5 seconds. */
  public static final Duration DEFAULT_PONG_TIMEOUT = Duration.ofSeconds(5);

  private static final ClientOptions DEFAULTS = new ClientOptions(DEFAULT_TIMEOUT,
      DEFAULT_CONNECT_TIMEOUT, HttpClient.Version.HTTP_1_1, true, DEFAULT_MAX_CONCURRENT_REQUESTS,
      DEFAULT_MAX_BATCH_SIZE, DEFAULT_MAX_URL_LENGTH, true, false, Map.of(),
      DEFAULT_RECONNECT_DELAY, DEFAULT_MAX_RECONNECT_DELAY, DEFAULT_PING_INTERVAL,
      DEFAULT_PONG_TIMEOUT, Map.of(), DEFAULT_MAX_QUEUED_VALUES, DEFAULT_MAX_CACHE_ENTRIES,
      Duration.ZERO);

  /**
   * Checks every setting and copies {@code headers} and {@code connectionParams}.
   *
   * @throws IllegalArgumentException naming the first setting out of range
   */
  public ClientOptions {
    notNegative("timeout", timeout);
    notNegative("connectTimeout", connectTimeout);
    Objects.requireNonNull(httpVersion, "httpVersion");
    positive("maxConcurrentRequests", maxConcurrentRequests);
    positive("maxBatchSize", maxBatchSize);
    positive("maxUrlLength", maxUrlLength);
    headers = Map.copyOf(headers);
    positive("reconnectDelay", reconnectDelay);
    Objects.requireNonNull(maxReconnectDelay, "maxReconnectDelay");
    if (maxReconnectDelay.compareTo(reconnectDelay) < 0) {
      throw new IllegalArgumentException("maxReconnectDelay: " + maxReconnectDelay
          + " (expected: >= reconnectDelay, " + reconnectDelay + ")");
    }
    notNegative("pingInterval", pingInterval);
    positive("pongTimeout", pongTimeout);
    connectionParams = Map.copyOf(connectionParams);
    positive("maxQueuedValues", maxQueuedValues);
    positive("maxCacheEntries", maxCacheEntries);
    notNegative("staleAfter", staleAfter);
  }

  /** The options with every default. */
  public static ClientOptions defaults() {
    return DEFAULTS;
  }

  /** A builder that starts from the defaults. */
  public static Builder builder() {
    return new Builder(DEFAULTS);
  }

  /** A builder that starts from these options. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  private static void positive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
    }
  }

  private static void positive(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
    }
  }

  private static void notNegative(String name, Duration value) {
    Objects.requireNonNull(value, name);
    if (value.isNegative()) {
      throw new IllegalArgumentException(
          name + ": " + value + " (expected: >= 0, 0 for no limit)");
    }
  }

  /** Builds {@link ClientOptions}; each setter's default is the one documented on the record. */
  public static final class Builder {
    private Duration timeout;
    private Duration connectTimeout;
    private HttpClient.Version httpVersion;
    private boolean batching;
    private int maxConcurrentRequests;
    private int maxBatchSize;
    private int maxUrlLength;
    private boolean deduplicate;
    private boolean streamBatches;
    private final Map<String, String> headers;
    private Duration reconnectDelay;
    private Duration maxReconnectDelay;
    private Duration pingInterval;
    private Duration pongTimeout;
    private final Map<String, String> connectionParams;
    private int maxQueuedValues;
    private int maxCacheEntries;
    private Duration staleAfter;

    private Builder(ClientOptions from) {
      timeout = from.timeout;
      connectTimeout = from.connectTimeout;
      httpVersion = from.httpVersion;
      batching = from.batching;
      maxConcurrentRequests = from.maxConcurrentRequests;
      maxBatchSize = from.maxBatchSize;
      maxUrlLength = from.maxUrlLength;
      deduplicate = from.deduplicate;
      streamBatches = from.streamBatches;
      headers = new LinkedHashMap<>(from.headers);
      reconnectDelay = from.reconnectDelay;
      maxReconnectDelay = from.maxReconnectDelay;
      pingInterval = from.pingInterval;
      pongTimeout = from.pongTimeout;
      connectionParams = new LinkedHashMap<>(from.connectionParams);
      maxQueuedValues = from.maxQueuedValues;
      maxCacheEntries = from.maxCacheEntries;
      staleAfter = from.staleAfter;
    }

    /** Sets {@link ClientOptions#timeout()}; default 30 s, {@link Duration#ZERO} for none. */
    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /** Sets {@link ClientOptions#connectTimeout()}; default 10 s, {@link Duration#ZERO} for none. */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = Objects.requireNonNull(timeout, "connectTimeout");
      return this;
    }

    /** Sets {@link ClientOptions#httpVersion()}; default HTTP/1.1. */
    public Builder httpVersion(HttpClient.Version version) {
      this.httpVersion = Objects.requireNonNull(version, "httpVersion");
      return this;
    }

    /** Sets {@link ClientOptions#batching()}; default {@code true}. */
    public Builder batching(boolean batching) {
      this.batching = batching;
      return this;
    }

    /** Sets {@link ClientOptions#maxConcurrentRequests()}, in requests; default 6. */
    public Builder maxConcurrentRequests(int requests) {
      this.maxConcurrentRequests = requests;
      return this;
    }

    /** Sets {@link ClientOptions#maxBatchSize()}, in calls; default 32. */
    public Builder maxBatchSize(int calls) {
      this.maxBatchSize = calls;
      return this;
    }

    /** Sets {@link ClientOptions#maxUrlLength()}, in characters; default 4096. */
    public Builder maxUrlLength(int characters) {
      this.maxUrlLength = characters;
      return this;
    }

    /** Sets {@link ClientOptions#deduplicate()}; default {@code true}. */
    public Builder deduplicate(boolean deduplicate) {
      this.deduplicate = deduplicate;
      return this;
    }

    /** Sets {@link ClientOptions#streamBatches()}; default {@code false}. */
    public Builder streamBatches(boolean stream) {
      this.streamBatches = stream;
      return this;
    }

    /** Adds a header sent with every request (replacing one of the same name); default none. */
    public Builder header(String name, String value) {
      headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Sets {@link ClientOptions#reconnectDelay()}; default 500 ms. */
    public Builder reconnectDelay(Duration delay) {
      this.reconnectDelay = Objects.requireNonNull(delay, "reconnectDelay");
      return this;
    }

    /** Sets {@link ClientOptions#maxReconnectDelay()}; default 30 s. */
    public Builder maxReconnectDelay(Duration delay) {
      this.maxReconnectDelay = Objects.requireNonNull(delay, "maxReconnectDelay");
      return this;
    }

    /** Sets {@link ClientOptions#pingInterval()}; default 10 s, {@link Duration#ZERO} for none. */
    public Builder pingInterval(Duration interval) {
      this.pingInterval = Objects.requireNonNull(interval, "pingInterval");
      return this;
    }

    /** Sets {@link ClientOptions#pongTimeout()}; default 5 s. */
    public Builder pongTimeout(Duration timeout) {
      this.pongTimeout = Objects.requireNonNull(timeout, "pongTimeout");
      return this;
    }

    /**
     * Adds a parameter of the WebSocket link's {@code connectionParams} message (replacing one of
     * the same name); default none.
     */
    public Builder connectionParam(String name, String value) {
      connectionParams.put(Objects.requireNonNull(name, "name"),
          Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Sets {@link ClientOptions#maxQueuedValues()}, in values; default 256. */
    public Builder maxQueuedValues(int values) {
      this.maxQueuedValues = values;
      return this;
    }

    /** Sets {@link ClientOptions#maxCacheEntries()}, in answers; default 256. */
    public Builder maxCacheEntries(int entries) {
      this.maxCacheEntries = entries;
      return this;
    }

    /** Sets {@link ClientOptions#staleAfter()}; default {@link Duration#ZERO}: never fresh. */
    public Builder staleAfter(Duration staleAfter) {
      this.staleAfter = Objects.requireNonNull(staleAfter, "staleAfter");
      return this;
    }

    /**
     * The options.
     *
     * @throws IllegalArgumentException naming the first setting out of range
     */
    public ClientOptions build() {
      return new ClientOptions(timeout, connectTimeout, httpVersion, batching,
          maxConcurrentRequests, maxBatchSize, maxUrlLength, deduplicate, streamBatches, headers,
          reconnectDelay, maxReconnectDelay, pingInterval, pongTimeout, connectionParams,
          maxQueuedValues, maxCacheEntries, staleAfter);
    }
  }
}
