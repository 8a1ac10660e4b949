package dev.parley.server;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Responder} for tests: records the threads that answered, the chunks of a stream as they
 * come, and completes {@link #answer} with the whole answer.
 */
class Captured implements Responder {
  final CompletableFuture<ParleyResponse> answer = new CompletableFuture<>();
  final List<Thread> threads = new CopyOnWriteArrayList<>();
  final List<String> chunks = new CopyOnWriteArrayList<>();
  volatile Runnable onGone;

  @Override
  public void respond(ParleyResponse response) {
    threads.add(Thread.currentThread());
    if (!answer.complete(response)) {
      throw new AssertionError("answered twice");
    }
  }

  @Override
  public ResponseStream stream(int status, Map<String, String> headers) {
    threads.add(Thread.currentThread());
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    return new ResponseStream() {
      @Override
      public void write(byte[] chunk) {
        chunks.add(new String(chunk, java.nio.charset.StandardCharsets.UTF_8));
        body.writeBytes(chunk);
      }

      @Override
      public void close() {
        answer.complete(new ParleyResponse(status, headers, body.toByteArray()));
      }
    };
  }

  @Override
  public void whenGone(Runnable onGone) {
    this.onGone = onGone;
  }

  ParleyResponse get() throws Exception {
    return answer.get(10, TimeUnit.SECONDS);
  }
}
