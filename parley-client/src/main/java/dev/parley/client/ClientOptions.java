package dev.parley.client;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The settings and limits of an HTTP {@link ParleyClient}. Every one has a default; build other
 * values with {@link #builder()}:
 *
 * <pre>{@code
 * ClientOptions options = ClientOptions.builder()
 *     .httpVersion(HttpClient.Version.HTTP_2).timeout(Duration.ofSeconds(5)).build();
 * }</pre>
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
 *     https://} by ALPN, falling back to HTTP/1.1 when the server does not speak it
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
 *     refused by {@link ParleyClient#http(java.net.URI, dev.parley.Contract, ClientOptions)}
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
    Map<String, String> headers) {

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

  private static final ClientOptions DEFAULTS = new ClientOptions(DEFAULT_TIMEOUT,
      DEFAULT_CONNECT_TIMEOUT, HttpClient.Version.HTTP_1_1, true, DEFAULT_MAX_CONCURRENT_REQUESTS,
      DEFAULT_MAX_BATCH_SIZE, DEFAULT_MAX_URL_LENGTH, true, false, Map.of());

  /**
   * Checks every setting and copies {@code headers}.
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

    /**
     * The options.
     *
     * @throws IllegalArgumentException naming the first setting out of range
     */
    public ClientOptions build() {
      return new ClientOptions(timeout, connectTimeout, httpVersion, batching,
          maxConcurrentRequests, maxBatchSize, maxUrlLength, deduplicate, streamBatches, headers);
    }
  }
}
