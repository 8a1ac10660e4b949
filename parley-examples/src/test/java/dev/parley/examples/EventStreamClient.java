package dev.parley.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A test's subscriber over Server-Sent Events, as tRPC's {@code httpSubscriptionLink} subscribes:
 * {@code GET base/name?input=…} with {@code Accept: text/event-stream}, read event by event on a
 * thread of its own. {@link #close()} hangs up, which the server sees as the client going away.
 */
public final class EventStreamClient implements AutoCloseable {
  /** How long {@link #next()} waits for an event. */
  public static final Duration WAIT = Duration.ofSeconds(10);

  /** What the reader queues when the stream ended. */
  private static final Event END = new Event("end", "", null);

  /**
   * One event of the stream.
   *
   * @param event its type: {@code message} for a value, else {@code connected}, {@code ping},
   *     {@code return}, {@code serialized-error}
   * @param data its data
   * @param id its id, or null
   */
  public record Event(String event, String data, @Nullable String id) {
    /** Whether it ends the subscription. */
    public boolean isLast() {
      return event.equals("return") || event.equals("serialized-error") || event.equals("end");
    }
  }

  private final InputStream body;
  private final int status;
  private final LinkedBlockingQueue<Event> events = new LinkedBlockingQueue<>();

  private EventStreamClient(HttpResponse<InputStream> response) {
    this.body = response.body();
    this.status = response.statusCode();
    Thread.ofVirtual().name("sse-reader").start(this::read);
  }

  /**
   * Subscribes to {@code name} under {@code base} with {@code input} as JSON (null for none) and
   * the given request headers, e.g. {@code Last-Event-ID}.
   */
  public static EventStreamClient open(HttpClient http, URI base, String name,
      @Nullable String inputJson, Map<String, String> headers) throws IOException, InterruptedException {
    String query = inputJson == null ? "" : "?input=" + URLEncoder.encode(inputJson, StandardCharsets.UTF_8);
    return openQuery(http, base, name, query, headers);
  }

  /** Subscribes with a query string of the caller's own ({@code "?input=…&lastEventId=…"}). */
  public static EventStreamClient openQuery(HttpClient http, URI base, String name, String query,
      Map<String, String> headers) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/" + name + query))
        .header("accept", "text/event-stream");
    headers.forEach(request::header);
    return new EventStreamClient(http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream()));
  }

  /** The response's status. */
  public int status() {
    return status;
  }

  /**
   * The next event, pings skipped.
   *
   * @throws AssertionError when none comes within {@link #WAIT}
   */
  public Event next() throws InterruptedException {
    while (true) {
      Event e = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      if (e == null) {
        throw new AssertionError("no event within " + WAIT);
      }
      if (!e.event().equals("ping")) {
        return e;
      }
    }
  }

  /** The next event that is not {@code connected} (nor a ping). */
  public Event nextValue() throws InterruptedException {
    Event e = next();
    return e.event().equals("connected") ? next() : e;
  }

  /** Every event up to and including the one that ends the stream, pings and {@code connected} skipped. */
  public List<Event> toEnd() throws InterruptedException {
    List<Event> all = new ArrayList<>();
    Event e;
    do {
      e = nextValue();
      all.add(e);
    } while (!e.isLast());
    return all;
  }

  private void read() {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      String event = "message";
      StringBuilder data = null;
      String id = null;
      for (String line; (line = lines.readLine()) != null; ) {
        if (line.isEmpty()) {
          if (data != null) {
            events.add(new Event(event, data.toString(), id));
          }
          event = "message";
          data = null;
          id = null;
        } else if (line.startsWith("event: ")) {
          event = line.substring(7);
        } else if (line.startsWith("data: ") || line.equals("data:")) {
          String part = line.length() > 6 ? line.substring(6) : "";
          data = data == null ? new StringBuilder(part) : data.append('\n').append(part);
        } else if (line.startsWith("id: ")) {
          id = line.substring(4);
        }
      }
    } catch (IOException e) {
      // closed by close() or by the server: the stream ends either way
    } finally {
      events.add(END);
    }
  }

  @Override
  public void close() throws IOException {
    body.close();
  }
}
