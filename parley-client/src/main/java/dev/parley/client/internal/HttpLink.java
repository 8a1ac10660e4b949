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
import dev.parley.internal.wire.JsonLines;
import dev.parley.internal.wire.Percent;
import dev.parley.internal.wire.TimeoutHeader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;

/**
 * The link over HTTP: tRPC v11's wire ({@link Wire}, {@link Replies}) on one {@code
 * java.net.http.HttpClient}, with the batching and de-duplication of the {@link Batcher}. Each
 * procedure's URL is computed once, when the link is made. A subscription is an {@link
 * SseSubscription} on the same client.
 */
public final class HttpLink extends AsyncLink {
  /** Levels of JSON around an output in a batch's answer: the array, the envelope, {@code result}. */
  private static final int ENVELOPE_DEPTH = 3;

  private final String base;
  private final HttpClient http;
  private final Map<String, Endpoint> endpoints;
  private final String[] headers;
  private final boolean deduplicate;
  private final boolean streamBatches;
  private final JsonCodec writer = JsonCodec.standard();
  private final JsonCodec reader =
      new JsonCodec(JsonCodec.DEFAULT_MAX_NESTING_DEPTH + ENVELOPE_DEPTH);
  private final Batcher batcher;
  private final Backoff backoff;
  private final Set<LinkSubscription<?>> live = ConcurrentHashMap.newKeySet();
  private final ConnectionStates states = new ConnectionStates(ConnectionState.OPEN);

  /**
   * A link to the server at {@code base} for the procedures of {@code contract}.
   *
   * @throws IllegalArgumentException when {@code base} is not an absolute http(s) URI without
   *     query or fragment, or a header of {@code options} may not be set
   */
  public HttpLink(URI base, Contract contract, ClientOptions options) {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(contract, "contract");
    Objects.requireNonNull(options, "options");
    this.base = base(base, "http", "https");
    Map<String, Endpoint> byName = new HashMap<>();
    for (Descriptor<?> d : contract.descriptors()) {
      if (d instanceof Procedure<?, ?, ?> p) {
        byName.put(p.name(), Endpoint.of(this.base, p));
      }
    }
    this.endpoints = Map.copyOf(byName);
    this.headers = headers(options.headers());
    if (headers.length > 0) {
      HttpRequest.newBuilder(URI.create(this.base)).headers(headers); // refuses restricted ones now
    }
    this.deduplicate = options.deduplicate();
    this.streamBatches = options.streamBatches();
    HttpClient.Builder builder = HttpClient.newBuilder()
        .version(options.httpVersion())
        .followRedirects(HttpClient.Redirect.NEVER);
    if (!options.connectTimeout().isZero()) {
      builder.connectTimeout(options.connectTimeout());
    }
    this.http = builder.build();
    this.batcher = new Batcher(this::send, options, this.base.length());
    this.backoff = new Backoff(options);
  }

  @Override
  public <I, O> ClientSubscription subscribe(
      Subscription<?, I, O> subscription, @Nullable I input, SubscriptionListener<O> listener) {
    Endpoint endpoint = endpoint(subscription);
    String url = endpoint.url();
    if (input != null) {
      byte[] json;
      try {
        json = writer.encode(input);
      } catch (ParleyException e) {
        return LinkSubscription.failed(subscription.name(), listener, new ParleyClientException(
            ErrorCode.BAD_REQUEST, subscription.name() + ": the input cannot be written as JSON", 0,
            e.getCause()));
      }
      url = url + "?" + dev.parley.internal.wire.QueryString.INPUT + Percent.encode(json);
    }
    SseSubscription<O> sse = new SseSubscription<>(subscription, listener, live, http,
        URI.create(url), headers, reader, backoff);
    if (batcher.closed()) {
      sse.linkClosed(Failures.closed(subscription.name()));
    } else {
      sse.start();
    }
    return sse;
  }

  @Override
  public ConnectionStates states() {
    return states;
  }

  /**
   * Fails the queued calls and the live subscriptions, then cancels the requests in flight by
   * shutting the HttpClient down.
   */
  @Override
  public void close() {
    List<Call> dropped = batcher.close();
    for (Call c : dropped) {
      c.reply.completeExceptionally(Failures.closed(c.name()));
    }
    for (LinkSubscription<?> s : live) {
      s.linkClosed(Failures.closed(s.name()));
    }
    http.shutdownNow();
    states.set(ConnectionState.CLOSED, null);
  }

  @Override
  public String toString() {
    return "HttpLink[" + base + "]";
  }

  @Override
  <T> CompletableFuture<T> start(
      Unary<?, ?, ?> procedure, @Nullable Object input, Duration timeout, boolean whole) {
    Endpoint endpoint = endpoint(procedure);
    byte[] json;
    try {
      json = input == null ? null : writer.encode(input);
    } catch (ParleyException e) {
      return CompletableFuture.failedFuture(new ParleyClientException(ErrorCode.BAD_REQUEST,
          procedure.name() + ": the input cannot be written as JSON", 0, e.getCause()));
    }
    String encoded = json == null || endpoint.mutation() ? null : Percent.encode(json);
    String key = !deduplicate || endpoint.mutation() ? null
        : encoded == null ? endpoint.name() : endpoint.name() + '?' + encoded;
    long deadline = timeout.isZero() ? Call.NO_DEADLINE : System.nanoTime() + timeout.toNanos();
    Call call;
    try {
      call = batcher.submit(new Call(endpoint, json, encoded, key, deadline));
    } catch (ParleyClientException e) {
      return CompletableFuture.failedFuture(e);
    }
    return new Ticket<T>(call, batcher, whole, timeout.toNanos()).start();
  }

  private Endpoint endpoint(Procedure<?, ?, ?> procedure) {
    Endpoint e = endpoints.get(procedure.name());
    if (e == null || (e.procedure() != procedure && !e.procedure().equals(procedure))) {
      throw new IllegalArgumentException(
          procedure + " is not in this client's contract (or differs from the contract's)");
    }
    return e;
  }

  private void send(Exchange x) {
    boolean streamed = streamBatches && x.batch();
    CompletableFuture<Void> f;
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Wire.url(base, x)))
          .header("accept", "application/json");
      if (headers.length > 0) {
        request.headers(headers);
      }
      long remaining = remaining(x);
      if (remaining > 0) {
        request.header(TimeoutHeader.NAME, TimeoutHeader.format(remaining));
      }
      if (streamed) {
        request.header(JsonLines.ACCEPT_HEADER, JsonLines.MEDIA_TYPE);
      }
      if (x.mutation) {
        request.header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(Wire.body(x)));
      }
      f = streamed
          ? http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream())
              .thenAccept(response -> Thread.ofVirtual().name("parley-client-stream")
                  .start(() -> read(x, response)))
          : http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray())
              .thenAccept(response -> {
                finish(x);
                Replies.deliver(x.calls, x.batch(), response.statusCode(), retryAfter(response),
                    response.body(), reader);
              });
    } catch (RuntimeException e) {
      f = CompletableFuture.failedFuture(e);
    }
    x.started(f);
    f.whenComplete((ok, failure) -> {
      if (failure != null) {
        failed(x, failure);
      }
    });
  }

  /** The time left to the latest deadline of {@code x}'s calls; 0 when one has none. */
  private static long remaining(Exchange x) {
    long latest = 0;
    boolean first = true;
    for (Call c : x.calls) {
      long d = c.deadline;
      if (d == Call.NO_DEADLINE) {
        return 0;
      }
      if (first || d - latest > 0) {
        latest = d;
        first = false;
      }
    }
    return Math.max(1, latest - System.nanoTime());
  }

  /** Reads a streamed batch's answer, completing each call as its line arrives. */
  private void read(Exchange x, HttpResponse<InputStream> response) {
    int status = response.statusCode();
    try (InputStream body = response.body()) {
      if (status < 200 || status >= 300) {
        Replies.deliver(x.calls, true, status, retryAfter(response), body.readAllBytes(), reader);
        return;
      }
      JsonLines.Reader lines = new JsonLines.Reader(x.calls.size(), status);
      BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
      for (String line = in.readLine(); line != null && !lines.done(); line = in.readLine()) {
        for (JsonLines.Answer a : lines.accept(reader.parse(line))) {
          Replies.complete(x.calls.get(a.index()), a.reply(), status, null, reader);
        }
      }
      Replies.failAll(x.calls, Replies.unreadable(status, "ended before every call's answer", null));
    } catch (IOException e) {
      failed(x, e);
    } catch (ParleyException | IllegalArgumentException e) {
      Replies.failAll(x.calls, Replies.unreadable(status, "is not a stream of answers ("
          + e.getMessage() + ")", e));
    } finally {
      finish(x);
    }
  }

  /** Frees {@code x}'s slot and sends the next request, if calls wait. */
  private void finish(Exchange x) {
    if (x.finish()) {
      Exchange next = batcher.finished(x);
      if (next != null) {
        send(next);
      }
    }
  }

  private void failed(Exchange x, Throwable failure) {
    finish(x);
    boolean closed = batcher.closed();
    for (Call c : x.calls) {
      c.reply.completeExceptionally(closed ? Failures.closed(c.name()) : transport(c, failure));
    }
  }

  static @Nullable Duration retryAfter(HttpResponse<?> response) {
    return response.headers().firstValue("retry-after").map(v -> {
      try {
        long seconds = Long.parseLong(v.trim());
        return seconds >= 0 ? Duration.ofSeconds(seconds) : null;
      } catch (NumberFormatException e) {
        return null; // an HTTP date: not sent by Parley
      }
    }).orElse(null);
  }

  private ParleyClientException transport(Call call, @Nullable Throwable failure) {
    Throwable cause = failure;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof CancellationException) {
      return new ParleyClientException(ErrorCode.CLIENT_CLOSED_REQUEST,
          call.name() + ": cancelled", 0, cause);
    }
    return new ParleyClientException(ErrorCode.SERVICE_UNAVAILABLE,
        call.name() + ": cannot reach " + base + " (" + cause + ")", 0, cause);
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
