package dev.parley.server;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * The limits of a {@link ParleyServer}. Every limit has a default; build other values with {@link
 * #builder()}:
 *
 * <pre>{@code
 * ServerOptions options = ServerOptions.builder().maxBatchSize(8).requestTimeout(Duration.ofSeconds(5)).build();
 * }</pre>
 *
 * @param maxBodyBytes the largest request body read, in bytes (also the largest URL-decoded {@code
 *     input} parameter of a GET); larger is {@code PAYLOAD_TOO_LARGE}. Default {@value
 *     #DEFAULT_MAX_BODY_BYTES} (1 MiB); must be {@code > 0}
 * @param maxJsonDepth the most levels of nested JSON arrays and objects in one input; deeper is
 *     {@code BAD_REQUEST}. Default {@value #DEFAULT_MAX_JSON_DEPTH}; must be {@code > 0}
 * @param maxBatchSize the most calls in one HTTP batch; a larger batch is {@code BAD_REQUEST} and
 *     none of its calls runs. Default {@value #DEFAULT_MAX_BATCH_SIZE}; must be {@code > 0} (1
 *     allows only batches of one)
 * @param requestTimeout the longest a call may run, from the moment it is routed to its answer;
 *     over it the call is answered {@code TIMEOUT} and its thread interrupted. Default 30 seconds;
 *     {@link Duration#ZERO} means no limit; must not be negative
 * @param validateOutput whether outputs are checked against their schema before they leave the
 *     server; a bad output is answered {@code INTERNAL_SERVER_ERROR} with a generic message and
 *     logged. Default {@code true}
 * @param allowedOrigins the browser origins other than the server's own that may call it, e.g.
 *     {@code https://app.example.com}, or {@code *} for any origin (not with credentials): CORS is
 *     answered for them, and a request whose {@code Origin} is another is {@code FORBIDDEN}. Default
 *     empty: CORS off, same-origin browser calls only
 * @param allowCredentials whether the allowed origins may call with cookies ({@code
 *     Access-Control-Allow-Credentials}); a request that carries cookies from any other origin is
 *     {@code FORBIDDEN}. Default {@code false}
 * @param keepAlive how often a live stream that sends nothing proves it is alive: an SSE stream
 *     sends a {@code ping} event, and tells its client to reconnect after three intervals of
 *     silence; a WebSocket connection is sent a ping frame, and is closed ({@code 1001}) when
 *     nothing, not even the pong, came back from it by the next one. Default {@value
 *     #DEFAULT_KEEP_ALIVE_SECONDS} seconds; {@link Duration#ZERO} turns it off; must not be
 *     negative
 * @param socketMaxFrameBytes the largest WebSocket message read, in bytes of UTF-8; a larger one
 *     closes its connection with {@code 1009}. Default {@value #DEFAULT_SOCKET_MAX_FRAME_BYTES} (1
 *     MiB); must be {@code > 0}
 * @param socketFramesPerSecond the most messages one WebSocket connection may send a second,
 *     bursts of as many included (a token bucket); more closes it with {@code 1008}. Default
 *     {@value #DEFAULT_SOCKET_FRAMES_PER_SECOND}; must be {@code > 0}
 * @param socketMaxCalls the most calls (queries, mutations and subscriptions) live at once on one
 *     WebSocket connection; a request past it is answered {@code TOO_MANY_REQUESTS} and the
 *     connection stays. Default {@value #DEFAULT_SOCKET_MAX_CALLS}; must be {@code > 0}
 * @param socketQueueBytes the most bytes waiting to be sent on one WebSocket connection (its
 *     outbound queue, the message being written included); a subscription's handler waits in
 *     {@link Sink#next} while its value does not fit, and so does any other answer. A single
 *     message larger than the bound is sent alone, when the queue is empty. Default {@value
 *     #DEFAULT_SOCKET_QUEUE_BYTES} (1 MiB); must be {@code > 0}
 * @param socketStallTimeout how long a WebSocket connection may leave its full outbound queue
 *     unread (nothing written while a message waits for room) before it is closed with {@code
 *     1013} and its subscriptions cancelled; also how long a closing connection waits for its
 *     client to take the close frame before it is dropped. Default {@value
 *     #DEFAULT_SOCKET_STALL_SECONDS} seconds; must be {@code > 0}
 * @param staticCacheEntries the most outputs of one {@linkplain dev.parley.Query#isStatic()
 *     static} query kept in memory, one per distinct input; past it the least recently used is
 *     dropped (and computed again when asked for). Default {@value
 *     #DEFAULT_STATIC_CACHE_ENTRIES} per query; 0 keeps none (every call runs the handler); must
 *     not be negative
 * @param socketMaxWatched the most resource names one WebSocket connection may watch at once
 *     ({@code parley.watch}); a watch past it is refused {@code TOO_MANY_REQUESTS}, adds nothing,
 *     and the connection stays. Default {@value #DEFAULT_SOCKET_MAX_WATCHED}; must be {@code > 0}
 * @param socketMaxResourceChars the longest resource name a connection may watch, in characters;
 *     a watch of a longer one is refused {@code BAD_REQUEST}, adds nothing, and the connection
 *     stays. Default {@value #DEFAULT_SOCKET_MAX_RESOURCE_CHARS}; must be {@code > 0}
 * @param socketMaxClientCalls the most calls of client procedures ({@link ParleyServer#call})
 *     waiting for their answer on one WebSocket connection; a call past it fails at once with
 *     {@code TOO_MANY_REQUESTS}, and nothing is sent. Default {@value
 *     #DEFAULT_SOCKET_MAX_CLIENT_CALLS}; must be {@code > 0}
 * @param socketMaxChannels the most channel connections ({@code parley.connect}) one WebSocket
 *     connection may hold at once; a connect past it is refused {@code TOO_MANY_REQUESTS} before
 *     {@code onConnect} runs, and the connection stays. Default {@value
 *     #DEFAULT_SOCKET_MAX_CHANNELS}; must be {@code > 0}
 * @param socketMaxTopics the most topic subscriptions ({@code parley.subscribe}) one WebSocket
 *     connection may hold at once; a subscribe past it is refused {@code TOO_MANY_REQUESTS}
 *     before the topic's hook runs, and the connection stays. Default {@value
 *     #DEFAULT_SOCKET_MAX_TOPICS}; must be {@code > 0}
 */
public record ServerOptions(
    int maxBodyBytes,
    int maxJsonDepth,
    int maxBatchSize,
    Duration requestTimeout,
    boolean validateOutput,
    Set<String> allowedOrigins,
    boolean allowCredentials,
    Duration keepAlive,
    int socketMaxFrameBytes,
    int socketFramesPerSecond,
    int socketMaxCalls,
    int socketQueueBytes,
    Duration socketStallTimeout,
    int staticCacheEntries,
    int socketMaxWatched,
    int socketMaxResourceChars,
    int socketMaxClientCalls,
    int socketMaxChannels,
    int socketMaxTopics) {

  /** The default of {@link #maxBodyBytes()}: 1 MiB. */
  public static final int DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
  /** The default of {@link #maxJsonDepth()}: 64 levels. */
  public static final int DEFAULT_MAX_JSON_DEPTH = 64;
  /** The default of {@link #maxBatchSize()}: 32 calls. */
  public static final int DEFAULT_MAX_BATCH_SIZE = 32;
  /** The default of {@link #requestTimeout()}: 30 seconds. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);

  /** The default of {@link #keepAlive()} in seconds: {@value}. */
  public static final int DEFAULT_KEEP_ALIVE_SECONDS = 10;
  /** The default of {@link #socketMaxFrameBytes()}: {@value} (1 MiB). */
  public static final int DEFAULT_SOCKET_MAX_FRAME_BYTES = 1024 * 1024;
  /** The default of {@link #socketFramesPerSecond()}: {@value}. */
  public static final int DEFAULT_SOCKET_FRAMES_PER_SECOND = 1000;
  /** The default of {@link #socketMaxCalls()}: {@value}. */
  public static final int DEFAULT_SOCKET_MAX_CALLS = 1000;
  /** The default of {@link #socketQueueBytes()}: {@value} (1 MiB). */
  public static final int DEFAULT_SOCKET_QUEUE_BYTES = 1024 * 1024;
  /** The default of {@link #socketStallTimeout()} in seconds: {@value}. */
  public static final int DEFAULT_SOCKET_STALL_SECONDS = 10;
  /** The default of {@link #staticCacheEntries()}: {@value} outputs per static query. */
  public static final int DEFAULT_STATIC_CACHE_ENTRIES = 1000;
  /** The default of {@link #socketMaxWatched()}: {@value}. */
  public static final int DEFAULT_SOCKET_MAX_WATCHED = 1000;
  /** The default of {@link #socketMaxResourceChars()}: {@value}. */
  public static final int DEFAULT_SOCKET_MAX_RESOURCE_CHARS = 256;
  /** The default of {@link #socketMaxClientCalls()}: {@value}. */
  public static final int DEFAULT_SOCKET_MAX_CLIENT_CALLS = 100;
  /** The default of {@link #socketMaxChannels()}: {@value}. */
  public static final int DEFAULT_SOCKET_MAX_CHANNELS = 100;
  /** The default of {@link #socketMaxTopics()}: {@value}. */
  public static final int DEFAULT_SOCKET_MAX_TOPICS = 100;

  private static final ServerOptions DEFAULTS = new ServerOptions(DEFAULT_MAX_BODY_BYTES,
      DEFAULT_MAX_JSON_DEPTH, DEFAULT_MAX_BATCH_SIZE, DEFAULT_REQUEST_TIMEOUT, true, Set.of(), false,
      Duration.ofSeconds(DEFAULT_KEEP_ALIVE_SECONDS), DEFAULT_SOCKET_MAX_FRAME_BYTES,
      DEFAULT_SOCKET_FRAMES_PER_SECOND, DEFAULT_SOCKET_MAX_CALLS, DEFAULT_SOCKET_QUEUE_BYTES,
      Duration.ofSeconds(DEFAULT_SOCKET_STALL_SECONDS), DEFAULT_STATIC_CACHE_ENTRIES,
      DEFAULT_SOCKET_MAX_WATCHED, DEFAULT_SOCKET_MAX_RESOURCE_CHARS,
      DEFAULT_SOCKET_MAX_CLIENT_CALLS, DEFAULT_SOCKET_MAX_CHANNELS, DEFAULT_SOCKET_MAX_TOPICS);

  /** The {@link #allowedOrigins()} entry that allows every origin: {@value}. */
  public static final String ANY_ORIGIN = "*";

  /**
   * Checks every limit.
   *
   * @throws IllegalArgumentException naming the first limit out of range
   */
  public ServerOptions {
    positive("maxBodyBytes", maxBodyBytes);
    positive("maxJsonDepth", maxJsonDepth);
    positive("maxBatchSize", maxBatchSize);
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    if (requestTimeout.isNegative()) {
      throw new IllegalArgumentException(
          "requestTimeout: " + requestTimeout + " (expected: >= 0, 0 for no limit)");
    }
    Objects.requireNonNull(keepAlive, "keepAlive");
    if (keepAlive.isNegative()) {
      throw new IllegalArgumentException(
          "keepAlive: " + keepAlive + " (expected: >= 0, 0 for none)");
    }
    positive("socketMaxFrameBytes", socketMaxFrameBytes);
    positive("socketFramesPerSecond", socketFramesPerSecond);
    positive("socketMaxCalls", socketMaxCalls);
    positive("socketQueueBytes", socketQueueBytes);
    if (staticCacheEntries < 0) {
      throw new IllegalArgumentException("staticCacheEntries: " + staticCacheEntries
          + " (expected: >= 0, 0 for none)");
    }
    positive("socketMaxWatched", socketMaxWatched);
    positive("socketMaxResourceChars", socketMaxResourceChars);
    positive("socketMaxClientCalls", socketMaxClientCalls);
    positive("socketMaxChannels", socketMaxChannels);
    positive("socketMaxTopics", socketMaxTopics);
    Objects.requireNonNull(socketStallTimeout, "socketStallTimeout");
    if (socketStallTimeout.isZero() || socketStallTimeout.isNegative()) {
      throw new IllegalArgumentException(
          "socketStallTimeout: " + socketStallTimeout + " (expected: > 0)");
    }
    Set<String> origins = new LinkedHashSet<>();
    for (String o : allowedOrigins) {
      origins.add(origin(o));
    }
    allowedOrigins = Set.copyOf(origins);
    if (allowCredentials && allowedOrigins.contains(ANY_ORIGIN)) {
      throw new IllegalArgumentException(
          "allowCredentials: true with allowedOrigins *: (expected: the origins listed one by one)");
    }
  }

  private static String origin(String o) {
    Objects.requireNonNull(o, "allowedOrigins entry");
    if (o.equals(ANY_ORIGIN)) {
      return o;
    }
    URI uri;
    try {
      uri = URI.create(o);
    } catch (IllegalArgumentException e) {
      uri = null;
    }
    if (uri == null || uri.getScheme() == null || uri.getHost() == null
        || !(uri.getRawPath() == null || uri.getRawPath().isEmpty())
        || uri.getRawQuery() != null || uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException("allowedOrigins: \"" + o
          + "\" (expected: scheme://host[:port] with no path, e.g. https://app.example.com, or *)");
    }
    return o.toLowerCase(Locale.ROOT);
  }

  /** The options with every default. */
  public static ServerOptions defaults() {
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

  /** Builds {@link ServerOptions}; each setter's default is the one documented on the record. */
  public static final class Builder {
    private int maxBodyBytes;
    private int maxJsonDepth;
    private int maxBatchSize;
    private Duration requestTimeout;
    private boolean validateOutput;
    private Set<String> allowedOrigins;
    private boolean allowCredentials;
    private Duration keepAlive;
    private int socketMaxFrameBytes;
    private int socketFramesPerSecond;
    private int socketMaxCalls;
    private int socketQueueBytes;
    private Duration socketStallTimeout;
    private int staticCacheEntries;
    private int socketMaxWatched;
    private int socketMaxResourceChars;
    private int socketMaxClientCalls;
    private int socketMaxChannels;
    private int socketMaxTopics;

    private Builder(ServerOptions from) {
      maxBodyBytes = from.maxBodyBytes;
      maxJsonDepth = from.maxJsonDepth;
      maxBatchSize = from.maxBatchSize;
      requestTimeout = from.requestTimeout;
      validateOutput = from.validateOutput;
      allowedOrigins = from.allowedOrigins;
      allowCredentials = from.allowCredentials;
      keepAlive = from.keepAlive;
      socketMaxFrameBytes = from.socketMaxFrameBytes;
      socketFramesPerSecond = from.socketFramesPerSecond;
      socketMaxCalls = from.socketMaxCalls;
      socketQueueBytes = from.socketQueueBytes;
      socketStallTimeout = from.socketStallTimeout;
      staticCacheEntries = from.staticCacheEntries;
      socketMaxWatched = from.socketMaxWatched;
      socketMaxResourceChars = from.socketMaxResourceChars;
      socketMaxClientCalls = from.socketMaxClientCalls;
      socketMaxChannels = from.socketMaxChannels;
      socketMaxTopics = from.socketMaxTopics;
    }

    /** Sets {@link ServerOptions#maxBodyBytes()}, in bytes; default 1 MiB. */
    public Builder maxBodyBytes(int bytes) {
      this.maxBodyBytes = bytes;
      return this;
    }

    /** Sets {@link ServerOptions#maxJsonDepth()}, in levels; default 64. */
    public Builder maxJsonDepth(int levels) {
      this.maxJsonDepth = levels;
      return this;
    }

    /** Sets {@link ServerOptions#maxBatchSize()}, in calls; default 32. */
    public Builder maxBatchSize(int calls) {
      this.maxBatchSize = calls;
      return this;
    }

    /** Sets {@link ServerOptions#requestTimeout()}; default 30 s, {@link Duration#ZERO} for none. */
    public Builder requestTimeout(Duration timeout) {
      this.requestTimeout = Objects.requireNonNull(timeout, "requestTimeout");
      return this;
    }

    /** Sets {@link ServerOptions#validateOutput()}; default {@code true}. */
    public Builder validateOutput(boolean validate) {
      this.validateOutput = validate;
      return this;
    }

    /** Sets {@link ServerOptions#allowedOrigins()}; default none (CORS off). */
    public Builder allowedOrigins(String... origins) {
      this.allowedOrigins = Set.of(origins);
      return this;
    }

    /** Sets {@link ServerOptions#allowCredentials()}; default {@code false}. */
    public Builder allowCredentials(boolean allow) {
      this.allowCredentials = allow;
      return this;
    }

    /** Sets {@link ServerOptions#keepAlive()}; default 10 s, {@link Duration#ZERO} for none. */
    public Builder keepAlive(Duration interval) {
      this.keepAlive = Objects.requireNonNull(interval, "keepAlive");
      return this;
    }

    /** Sets {@link ServerOptions#socketMaxFrameBytes()}, in bytes; default 1 MiB. */
    public Builder socketMaxFrameBytes(int bytes) {
      this.socketMaxFrameBytes = bytes;
      return this;
    }

    /** Sets {@link ServerOptions#socketFramesPerSecond()}, in messages; default 1000. */
    public Builder socketFramesPerSecond(int frames) {
      this.socketFramesPerSecond = frames;
      return this;
    }

    /** Sets {@link ServerOptions#socketMaxCalls()}, in calls; default 1000. */
    public Builder socketMaxCalls(int calls) {
      this.socketMaxCalls = calls;
      return this;
    }

    /** Sets {@link ServerOptions#socketQueueBytes()}, in bytes; default 1 MiB. */
    public Builder socketQueueBytes(int bytes) {
      this.socketQueueBytes = bytes;
      return this;
    }

    /** Sets {@link ServerOptions#socketStallTimeout()}; default 10 s. */
    public Builder socketStallTimeout(Duration timeout) {
      this.socketStallTimeout = Objects.requireNonNull(timeout, "socketStallTimeout");
      return this;
    }

    /** Sets {@link ServerOptions#staticCacheEntries()}, per static query; default 1000, 0 for none. */
    public Builder staticCacheEntries(int entries) {
      this.staticCacheEntries = entries;
      return this;
    }

    /** Sets {@link ServerOptions#socketMaxWatched()}, in resource names; default 1000. */
    public Builder socketMaxWatched(int names) {
      this.socketMaxWatched = names;
      return this;
    }

    /** Sets {@link ServerOptions#socketMaxResourceChars()}, in characters; default 256. */
    public Builder socketMaxResourceChars(int chars) {
      this.socketMaxResourceChars = chars;
      return this;
    }

    /** Sets {@link ServerOptions#socketMaxClientCalls()}, in calls; default 100. */
    public Builder socketMaxClientCalls(int calls) {
      this.socketMaxClientCalls = calls;
      return this;
    }

    /** Sets {@link ServerOptions#socketMaxChannels()}, in channel connections; default 100. */
    public Builder socketMaxChannels(int channels) {
      this.socketMaxChannels = channels;
      return this;
    }

    /** Sets {@link ServerOptions#socketMaxTopics()}, in topic subscriptions; default 100. */
    public Builder socketMaxTopics(int subscriptions) {
      this.socketMaxTopics = subscriptions;
      return this;
    }

    /**
     * The options.
     *
     * @throws IllegalArgumentException naming the first limit out of range
     */
    public ServerOptions build() {
      return new ServerOptions(maxBodyBytes, maxJsonDepth, maxBatchSize, requestTimeout,
          validateOutput, allowedOrigins, allowCredentials, keepAlive, socketMaxFrameBytes,
          socketFramesPerSecond, socketMaxCalls, socketQueueBytes, socketStallTimeout,
          staticCacheEntries, socketMaxWatched, socketMaxResourceChars, socketMaxClientCalls,
          socketMaxChannels, socketMaxTopics);
    }
  }
}
