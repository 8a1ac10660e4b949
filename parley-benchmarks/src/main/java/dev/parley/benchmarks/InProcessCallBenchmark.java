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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The in-process call with input and output validation (target: median at most 1 µs): through
 * {@code ParleyClient.inProcess(server.invoker(ctx))}, the server's {@link Invoker} and {@code
 * server.call}. Run with
 * {@code ./parley-benchmarks/run.sh jmh}; SampleTime gives the median ({@code p0.50}), AverageTime
 * the mean. {@code validateOnly} is the floor that Jakarta validation of the input sets.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.SampleTime, Mode.AverageTime})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class InProcessCallBenchmark {
  private ParleyServer<String> server;
  private Invoker invoker;
  private ParleyClient<Shared> client;

  /** Builds the server (default options: input and output validated, 30 s request timeout). */
  @Setup
  public void setUp() {
    server = BenchServer.create(ServerOptions.defaults());
    invoker = server.invoker(BenchServer.CALLER);
    client = ParleyClient.inProcess(server.invoker(BenchServer.CALLER));
  }

  /** Closes the client and stops the server's background work. */
  @TearDown
  public void tearDown() {
    client.close();
    server.shutdown(Duration.ofSeconds(1));
  }

  /**
   * {@code ParleyClient.inProcess(server.invoker(ctx)).query(ECHO, new Echo("hi"))}.
   *
   * @return the output, so that JMH consumes it
   */
  @Benchmark
  public Echo clientQuery() {
    return client.query(BenchContract.ECHO, new Echo("hi"));
  }

  /**
   * {@code server.call(ECHO, ctx, input)}: the full in-process chain.
   *
   * @return the output, so that JMH consumes it
   */
  @Benchmark
  public Echo serverCall() {
    return server.call(BenchContract.ECHO, BenchServer.CALLER, new Echo("hi"));
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
