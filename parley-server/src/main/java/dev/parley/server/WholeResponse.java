package dev.parley.server;

import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;

/** Collects a whole answer, or a streamed one's chunks, for the blocking {@link ParleyServer#handle(ParleyRequest)}. */
final class WholeResponse implements Responder {
  private final CompletableFuture<ParleyResponse> answer =
      new CompletableFuture<>();
  private volatile @Nullable Runnable onGone;

  @Override
  public void respond(ParleyResponse response) {
    answer.complete(response);
  }

  @Override
  public ResponseStream stream(int status, Map<String, String> headers) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    return new ResponseStream() {
      @Override
      public void write(byte[] chunk) {
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

  ParleyResponse get() throws InterruptedException {
    try {
      return answer.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  void gone() {
    Runnable r = onGone;
    if (r != null) {
      r.run();
    }
  }
}
