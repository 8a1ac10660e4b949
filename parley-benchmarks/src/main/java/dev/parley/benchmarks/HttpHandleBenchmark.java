package dev.parley.benchmarks;

import dev.parley.server.ParleyRequest;
import dev.parley.server.ParleyResponse;
import dev.parley.server.ParleyServer;
import dev.parley.server.Responder;
import dev.parley.server.ServerOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code server.handle(request, responder)}, the entry every transport uses: Parley's HTTP wire
 * without a transport (query string parsing, percent-decoding, JSON decoding, validation, handler,
 * encoding), on the calling thread as under Jetty, to tell Parley's cost per request from Jetty's.
 * {@code timeoutSeconds} 0 turns the request timeout off, which shows what enforcing it costs per
 * call (a watch on the server's one timer). {@code cacheableQuery} and {@code notModified} show
 * what an {@code ETag} costs, and that a {@code 304} costs no more than the answer it replaces.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.SampleTime, Mode.AverageTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class HttpHandleBenchmark {
  /** The server's request timeout in seconds; 0 = none. */
  @Param({"30", "0"})
  public int timeoutSeconds;

  private ParleyServer<String> server;
  private ParleyRequest echo;
  private ParleyRequest add;
  private ParleyRequest cacheable;
  private ParleyRequest conditional;

  /** Builds the server and the two requests. */
  @Setup
  public void setUp() {
    server =
        BenchServer.create(
            ServerOptions.builder().requestTimeout(Duration.ofSeconds(timeoutSeconds)).build());
    echo = new ParleyRequest("GET", "echo", "input=%7B%22text%22%3A%22hi%22%7D", Map.of(),
        new byte[0], null);
    add = new ParleyRequest("POST", "sum.add", "",
        Map.of("content-type", List.of("application/json")),
        "{\"a\":1,\"b\":2}".getBytes(StandardCharsets.UTF_8), null);
    cacheable = new ParleyRequest("GET", "echo.cacheable", echo.query(), Map.of(), new byte[0],
        null);
    Answer first = new Answer();
    server.handle(cacheable, first);
    String tag = first.response.headers().get("etag");
    conditional = new ParleyRequest("GET", "echo.cacheable", echo.query(),
        Map.of("if-none-match", List.of(tag)), new byte[0], null);
    Answer check = new Answer();
    server.handle(conditional, check);
    if (check.response.status() != 304) {
      throw new IllegalStateException("expected 304, got " + check.response.status());
    }
  }

  /** Stops the server's background work. */
  @TearDown
  public void tearDown() {
    server.shutdown(Duration.ofSeconds(1));
  }

  /**
   * {@code GET echo?input={"text":"hi"}}.
   *
   * @return the response
   */
  @Benchmark
  public ParleyResponse echoQuery() {
    Answer answer = new Answer();
    server.handle(echo, answer);
    return answer.response;
  }

  /**
   * {@code POST sum.add} with {@code {"a":1,"b":2}}.
   *
   * @return the response
   */
  @Benchmark
  public ParleyResponse addMutation() {
    Answer answer = new Answer();
    server.handle(add, answer);
    return answer.response;
  }

  /**
   * {@code GET echo.cacheable?input={"text":"hi"}}: {@link #echoQuery()} plus its {@code ETag}.
   *
   * @return the response, 200 with the tag
   */
  @Benchmark
  public ParleyResponse cacheableQuery() {
    Answer answer = new Answer();
    server.handle(cacheable, answer);
    return answer.response;
  }

  /**
   * {@link #cacheableQuery()} with {@code If-None-Match} naming its tag.
   *
   * @return the response, 304 with no body
   */
  @Benchmark
  public ParleyResponse notModified() {
    Answer answer = new Answer();
    server.handle(conditional, answer);
    return answer.response;
  }

  /** Keeps the whole answer the server gives on this thread. */
  private static final class Answer implements Responder {
    ParleyResponse response;

    @Override
    public void respond(ParleyResponse r) {
      response = r;
    }

    @Override
    public ResponseStream stream(int status, Map<String, String> headers) {
      throw new UnsupportedOperationException("no streamed answers here");
    }
  }
}
