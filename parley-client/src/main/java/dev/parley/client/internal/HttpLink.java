package dev.parley.client.internal;

import dev.parley.Contract;
import dev.parley.Descriptor;
import dev.parley.ErrorCode;
import dev.parley.Mutation;
import dev.parley.ParleyException;
import dev.parley.Procedure;
import dev.parley.client.ClientOptions;
import dev.parley.client.MutationResult;
import dev.parley.client.ParleyClientException;
import dev.parley.internal.json.JsonCodec;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;

/**
 * The link over HTTP: tRPC v11's wire ({@link Wire}, {@link Replies}) on one {@code
 * java.net.http.HttpClient}, with the batching and de-duplication of the {@link Batcher}. Each
 * procedure's URL is computed once, when the link is made.
 */
public final class HttpLink implements Link {
  /** Levels of JSON around an output in a batch's answer: the array, the envelope, {@code result}. */
  private static final int ENVELOPE_DEPTH = 3;

  private final String base;
  private final HttpClient http;
  private final Map<String, Endpoint> endpoints;
  private final String[] headers;
  private final boolean deduplicate;
  private final JsonCodec writer = JsonCodec.standard();
  private final JsonCodec reader =
      new JsonCodec(JsonCodec.DEFAULT_MAX_NESTING_DEPTH + ENVELOPE_DEPTH);
  private final Batcher batcher;

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
    String scheme = base.getScheme();
    if (!("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
        || base.getRawQuery() != null || base.getRawFragment() != null || base.getHost() == null) {
      throw new IllegalArgumentException(
          "base: " + base + " (expected: an http or https URI without query or fragment)");
    }
    String b = base.toString();
    this.base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
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
    HttpClient.Builder builder = HttpClient.newBuilder()
        .version(options.httpVersion())
        .followRedirects(HttpClient.Redirect.NEVER);
    if (!options.connectTimeout().isZero()) {
      builder.connectTimeout(options.connectTimeout());
    }
    this.http = builder.build();
    this.batcher = new Batcher(this::send, options, this.base.length());
  }

  @Override
  public <I, O> O call(Procedure<?, I, O> procedure, @Nullable I input, Duration timeout) {
    return Failures.await(this.<O>start(procedure, input, timeout, false), procedure.name());
  }

  @Override
  public <I, O> CompletableFuture<O> callAsync(
      Procedure<?, I, O> procedure, @Nullable I input, Duration timeout) {
    return start(procedure, input, timeout, false);
  }

  @Override
  public <I, O> MutationResult<O> mutate(
      Mutation<?, I, O> mutation, @Nullable I input, Duration timeout) {
    return Failures.await(this.<MutationResult<O>>start(mutation, input, timeout, true),
        mutation.name());
  }

  @Override
  public <I, O> CompletableFuture<MutationResult<O>> mutateAsync(
      Mutation<?, I, O> mutation, @Nullable I input, Duration timeout) {
    return start(mutation, input, timeout, true);
  }

  /** Fails the queued calls, then cancels the requests in flight by shutting the HttpClient down. */
  @Override
  public void close() {
    List<Call> dropped = batcher.close();
    for (Call c : dropped) {
      c.reply.completeExceptionally(Failures.closed(c.name()));
    }
    http.shutdownNow();
  }

  @Override
  public String toString() {
    return "HttpLink[" + base + "]";
  }

  private <T> CompletableFuture<T> start(
      Procedure<?, ?, ?> procedure, @Nullable Object input, Duration timeout, boolean whole) {
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
    Call call;
    try {
      call = batcher.submit(new Call(endpoint, json, encoded, key));
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
    CompletableFuture<HttpResponse<byte[]>> f;
    try {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(Wire.url(base, x)))
          .header("accept", "application/json");
      if (headers.length > 0) {
        request.headers(headers);
      }
      if (x.mutation) {
        request.header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(Wire.body(x)));
      }
      f = http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (RuntimeException e) {
      f = CompletableFuture.failedFuture(e);
    }
    x.started(f);
    f.whenComplete((response, failure) -> done(x, response, failure));
  }

  private void done(Exchange x, @Nullable HttpResponse<byte[]> response, @Nullable Throwable failure) {
    Exchange next = batcher.finished(x);
    if (next != null) {
      send(next);
    }
    if (response != null) {
      Replies.deliver(x.calls, x.batch(), response.statusCode(), response.body(), reader);
      return;
    }
    boolean closed = batcher.closed();
    for (Call c : x.calls) {
      c.reply.completeExceptionally(closed ? Failures.closed(c.name()) : transport(c, failure));
    }
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
