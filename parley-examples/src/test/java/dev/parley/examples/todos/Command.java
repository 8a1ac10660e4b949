package dev.parley.examples.todos;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs an external program to its end and keeps what it printed (stdout and stderr together). */
record Command(List<String> argv, Path dir) {

  /** How a run ended. */
  record Result(int exitCode, String output) {}

  /**
   * Runs the program; a run that outlives {@code limit} is killed and reported as exit code -1.
   *
   * @throws IllegalStateException when the program cannot be started (e.g. not installed)
   */
  Result run(Duration limit) throws InterruptedException {
    Process process;
    try {
      process = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + argv + " in " + dir + ": " + e.getMessage(), e);
    }
    closeQuietly(process);
    CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
    if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor();
      return new Result(-1, output.join() + "\n[killed after " + limit + "]");
    }
    return new Result(process.exitValue(), output.join());
  }

  private static void closeQuietly(Process process) {
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      // nothing to say to a program that has already gone
    }
  }

  private static String readAll(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
