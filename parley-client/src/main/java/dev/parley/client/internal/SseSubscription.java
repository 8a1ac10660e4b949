package dev.parley.client.internal;

import dev.parley.ErrorCode;
import dev.parley.ParleyException;
import dev.parley.Subscription;
import dev.parley.SubscriptionListener;
import dev.parley.client.ParleyClientException;
import dev.parley.internal.json.JsonCodec;
import dev.parley.internal.wire.Envelopes;
import dev.parley.internal.wire.EventStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One subscription over Server-Sent Events, as tRPC's {@code httpSubscriptionLink} keeps it: a
 * {@code GET} with {@code accept: text/event-stream} read line by line ({@link EventStream.Reader})
 * on a virtual thread of its own, which calls the listener. Always over HTTP/1.1, whatever the
 * client's version: a stream is then a connection of its own, which a watchdog can close and
 * replace, where on HTTP/2 a connection that falls silent would be shared, and kept, by every
 * stream on it.
 *
 * <ul>
 *   <li>{@code connected} is the start; its {@code reconnectAfterInactivityMs} arms a watchdog that
 *       drops a connection silent for that long, and from then on bounds the wait for the answer
 *       to a reconnect. {@code ping} only proves the stream alive.
 *   <li>A value's event is decoded with the output schema; its {@code id}, when tracked, is what a
 *       reconnect resumes after (sent as {@code Last-Event-ID}). Data that is not JSON is logged
 *       and dropped; JSON that does not fit the schema ends the subscription with
 *       INTERNAL_SERVER_ERROR.
 *   <li>{@code return} completes it; {@code serialized-error} fails it, or, when its code is one
 *       worth retrying ({@link Backoff#retryable}), reconnects, as does a stream that ends or
 *       breaks without either, and an unreachable server.
 *   <li>An answer that is not an event stream holds the server's refusal (NOT_FOUND for a
 *       subscription outside the caller's role, 503 while it shuts down): retried or final by the
 *       same rule.
 * </ul>
 *
 * Reconnects wait as {@link Backoff} says, longer when the server's {@code Retry-After} says so;
 * the count of attempts starts over once a connection delivered a value.
 *
 * @param <O> the output type
 */
final class SseSubscription<O> extends LinkSubscription<O> {
  private static final ThreadFactory THREADS = Thread.ofVirtual().name("parley-client-sse").factory();
  /** The most of a refusal's body that is read. */
  private static final int MAX_REFUSAL_BYTES = 64 * 1024;

  private final Subscription<?, ?, O> subscription;
  private final HttpClient http;
  private final URI uri;
  private final String[] headers;
  private final JsonCodec codec;
  private final Backoff backoff;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition woken = lock.newCondition();
  private volatile boolean cancelled;
  private volatile @Nullable CompletableFuture<?> request;
  private volatile @Nullable InputStream body;
  private volatile long lastActivity;
  private @Nullable String resumeFrom;
  /** The server's {@code reconnectAfterInactivityMs} as last heard, in nanoseconds; 0 for none. */
  private long inactivityNanos;

  SseSubscription(Subscription<?, ?, O> subscription, SubscriptionListener<O> listener,
      Set<LinkSubscription<?>> live, HttpClient http, URI uri, String[] headers, JsonCodec codec,
      Backoff backoff) {
    super(subscription.name(), listener, live);
    this.subscription = subscription;
    this.http = http;
    this.uri = uri;
    this.headers = headers;
    this.codec = codec;
    this.backoff = backoff;
  }

  void start() {
    THREADS.newThread(this::run).start();
  }

  @Override
  void cancel() {
    cancelled = true;
    CompletableFuture<?> r = request;
    if (r != null) {
      r.cancel(true);
    }
    closeQuietly(body);
    lock.lock();
    try {
      woken.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Why one connection ended: whether to connect again, whether it delivered a value (which
   * starts the count of attempts over), and the server's advice on when.
   */
  private record Outcome(boolean retry, boolean delivered, @Nullable Duration retryAfter) {
    static final Outcome DONE = new Outcome(false, false, null);
  }

  private void run() {
    int attempt = 0;
    while (!cancelled) {
      Outcome o = connect();
      if (!o.retry() || cancelled) {
        return;
      }
      if (o.delivered()) {
        attempt = 0;
      }
      long delay = o.retryAfter() == null ? backoff.delayNanos(attempt)
          : backoff.delayNanos(attempt, o.retryAfter());
      attempt = attempt == Integer.MAX_VALUE ? attempt : attempt + 1;
      pause(delay);
    }
  }

  /** Opens one connection and reads it to its end. */
  private Outcome connect() {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri)
        .version(HttpClient.Version.HTTP_1_1)
        .header("accept", EventStream.MEDIA_TYPE);
    if (inactivityNanos > 0) {
      builder.timeout(Duration.ofNanos(inactivityNanos));
    }
    if (headers.length > 0) {
      builder.headers(headers);
    }
    if (resumeFrom != null) {
      builder.header(EventStream.LAST_EVENT_ID_HEADER, resumeFrom);
    }
    CompletableFuture<HttpResponse<InputStream>> sent =
        http.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
    request = sent;
    if (cancelled) {
      sent.cancel(true);
    }
    HttpResponse<InputStream> response;
    try {
      response = sent.get();
    } catch (ExecutionException e) {
      return cancelled ? Outcome.DONE : dropped(e.getCause(), "cannot reach the server");
    } catch (CancellationException | InterruptedException e) {
      return Outcome.DONE;
    } finally {
      request = null;
    }
    ScheduledFuture<?>[] watchdog = new ScheduledFuture<?>[1];
    try (InputStream in = response.body()) {
      body = in;
      if (cancelled) {
        return Outcome.DONE;
      }
      if (response.statusCode() != 200 || !isEventStream(response)) {
        return refused(response, in);
      }
      return read(in, watchdog);
    } catch (IOException e) {
      return cancelled ? Outcome.DONE : dropped(e, "the stream broke");
    } finally {
      body = null;
      if (watchdog[0] != null) {
        watchdog[0].cancel(false);
      }
    }
  }

  private Outcome read(InputStream in, ScheduledFuture<?>[] watchdog) throws IOException {
    BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    EventStream.Reader events = new EventStream.Reader();
    boolean delivered = false;
    lastActivity = System.nanoTime();
    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
      lastActivity = System.nanoTime();
      EventStream.Event e = events.line(line);
      if (e == null) {
        continue;
      }
      switch (e.name()) {
        case EventStream.CONNECTED -> {
          inactivityNanos = inactivity(e.data());
          watchdog[0] = watch(in, inactivityNanos);
          listener.started();
        }
        case EventStream.PING -> { }
        case EventStream.RETURN -> {
          completed();
          return Outcome.DONE;
        }
        case EventStream.ERROR -> {
          ParleyClientException error = serializedError(e.data());
          if (Backoff.retryable(error.code())) {
            return new Outcome(true, delivered, error.retryAfter().orElse(null));
          }
          failed(error);
          return Outcome.DONE;
        }
        case "message" -> {
          if (!deliver(e)) {
            return Outcome.DONE;
          }
          delivered = true;
        }
        default -> ClientLog.LOG.log(Level.DEBUG, "\"{0}\": dropped an event named \"{1}\"",
            subscription.name(), e.name());
      }
      if (cancelled) {
        return Outcome.DONE;
      }
    }
    return cancelled ? Outcome.DONE : new Outcome(true, delivered, null);
  }

  /** Hands a value to the listener; false when it ended the subscription. */
  private boolean deliver(EventStream.Event e) {
    JsonNode json;
    try {
      json = codec.parse(e.data());
    } catch (ParleyException notJson) {
      ClientLog.LOG.log(Level.WARNING, "\"{0}\": dropped an event whose data is not JSON ({1})",
          subscription.name(), notJson.getMessage());
      return true;
    }
    O value;
    try {
      value = codec.decode(subscription.output(), json, "output");
    } catch (ParleyException misfit) {
      failed(new ParleyClientException(ErrorCode.INTERNAL_SERVER_ERROR, subscription.name()
          + ": the server's output does not fit the contract: " + misfit.getMessage(), 200,
          misfit.issues(), null, misfit));
      return false;
    }
    if (e.id() != null) {
      resumeFrom = e.id();
    }
    value(value, e.id());
    return true;
  }

  private ParleyClientException serializedError(String data) {
    try {
      JsonNode shape = codec.parse(data);
      if (shape.isObject()) {
        return Replies.exception(Envelopes.error(shape, ErrorCode.INTERNAL_SERVER_ERROR.httpStatus()),
            null);
      }
    } catch (ParleyException e) {
      // falls through to the unreadable error
    }
    return Replies.unreadable(200, "has a serialized-error event that is not an error", null);
  }

  private Outcome refused(HttpResponse<InputStream> response, InputStream in) throws IOException {
    ParleyClientException error = Replies.refusal(response.statusCode(),
        in.readNBytes(MAX_REFUSAL_BYTES), HttpLink.retryAfter(response), codec);
    boolean readable = response.statusCode() != 200;
    if (readable && Backoff.retryable(error.code())) {
      return new Outcome(true, false, error.retryAfter().orElse(null));
    }
    failed(error);
    return Outcome.DONE;
  }

  private Outcome dropped(@Nullable Throwable cause, String why) {
    ClientLog.LOG.log(Level.DEBUG, "\"{0}\": {1}; reconnecting ({2})", subscription.name(), why,
        String.valueOf(cause));
    return new Outcome(true, false, null);
  }

  private long inactivity(String connectedData) {
    try {
      JsonNode options = codec.parse(connectedData);
      JsonNode ms = options.get("reconnectAfterInactivityMs");
      return ms != null && ms.isIntegralNumber() && ms.canConvertToLong() && ms.longValue() > 0
          ? TimeUnit.MILLISECONDS.toNanos(ms.longValue()) : 0;
    } catch (ParleyException e) {
      return 0;
    }
  }

  /** Closes {@code in} once nothing came for {@code nanos}; null when 0 (no watchdog). */
  private @Nullable ScheduledFuture<?> watch(InputStream in, long nanos) {
    if (nanos <= 0) {
      return null;
    }
    return Deadlines.every(() -> {
      if (System.nanoTime() - lastActivity >= nanos) {
        ClientLog.LOG.log(Level.DEBUG, "\"{0}\": nothing came for {1}; reconnecting",
            subscription.name(), Duration.ofNanos(nanos));
        closeQuietly(in);
      }
    }, Math.max(1, nanos / 4));
  }

  /** Waits {@code nanos}, or until cancelled. */
  private void pause(long nanos) {
    long until = System.nanoTime() + nanos;
    lock.lock();
    try {
      for (long left = nanos; left > 0 && !cancelled; left = until - System.nanoTime()) {
        woken.awaitNanos(left);
      }
    } catch (InterruptedException e) {
      cancelled = true;
    } finally {
      lock.unlock();
    }
  }

  private static boolean isEventStream(HttpResponse<?> response) {
    return response.headers().firstValue("content-type")
        .map(t -> t.regionMatches(true, 0, EventStream.MEDIA_TYPE, 0,
            EventStream.MEDIA_TYPE.length()))
        .orElse(false);
  }

  private static void closeQuietly(@Nullable InputStream in) {
    if (in != null) {
      try {
        in.close();
      } catch (IOException e) {
        // closing a response body only cancels its stream
      }
    }
  }
}
