package dev.parley.benchmarks;

import dev.parley.Invoker;
import dev.parley.Shared;
import dev.parley.client.ParleyClient;
import dev.parley.server.ParleyServer;
import dev.parley.server.ServerOptions;
import java.time.Duration;
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
 * The in-process call with input and output validation (target: median at most 1 µs): through
 * {@code ParleyClient.inProcess(server.invoker(identity))} and the server's {@link Invoker}. Run
 * with {@code ./parley-benchmarks/run.sh jmh}; SampleTime gives the median ({@code p0.50}),
 * AverageTime the mean. {@code validateOnly} is the floor that Jakarta validation of the input
 * sets. {@code timeoutSeconds} is the server's request timeout: with one (30, the default) a call
 * runs on a virtual thread of its own so that its caller gets {@code TIMEOUT} at the deadline; with
 * none (0) it runs on the caller's thread.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.SampleTime, Mode.AverageTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class InProcessCallBenchmark {
  /** The server's request timeout in seconds; 0 = none. */
  @Param({"30", "0"})
  public int timeoutSeconds;

  private ParleyServer<String> server;
  private Invoker invoker;
  private ParleyClient<Shared> client;

  /** Builds the server (default options, but the request timeout of {@link #timeoutSeconds}). */
  @Setup
  public void setUp() {
    server = BenchServer.create(
        ServerOptions.builder().requestTimeout(Duration.ofSeconds(timeoutSeconds)).build());
    invoker = server.invoker();
    client = ParleyClient.inProcess(server.invoker());
  }

  /** Closes the client and stops the server's background work. */
  @TearDown
  public void tearDown() {
    client.close();
    server.shutdown(Duration.ofSeconds(1));
  }

  /**
   * {@code ParleyClient.inProcess(server.invoker()).query(ECHO, new Echo("hi"))}.
   *
   * @return the output, so that JMH consumes it
   */
  @Benchmark
  public Echo clientQuery() {
    return client.query(BenchContract.ECHO, new Echo("hi"));
  }

  /**
   * The server's {@link Invoker}, as the in-process client link calls it.
   *
   * @return the output
   */
  @Benchmark
  public Echo invoker() {
    return invoker.invoke(BenchContract.ECHO, new Echo("hi"), Duration.ZERO);
  }

  /**
   * Validation of the input alone, the floor under every call above.
   *
   * @return the issues found (none)
   */
  @Benchmark
  public Object validateOnly() {
    return BenchContract.ECHO.input().validate(new Echo("hi"));
  }
}
