package dev.parley.jetty.internal;

import dev.parley.server.ParleyResponse;
import dev.parley.server.internal.shutdown.Gate;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Graceful shutdown at the transport: counts the requests being handled, from the moment they
 * arrive (so that one whose body is still coming counts), and once {@link #drain draining},
 * answers every new request on the connections still open with Parley's JSON {@code
 * SERVICE_UNAVAILABLE} and {@code Connection: close}, while those in flight finish.
 */
final class Drain extends Handler.Wrapper {
  private final ParleyResponse closing;
  private final Gate gate = new Gate();

  /** Hands requests to {@code handler} until draining; {@code closing} is the answer after. */
  Drain(Handler handler, ParleyResponse closing) {
    super(handler);
    this.closing = closing;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    if (!gate.enter()) {
      refuse(response, callback);
      return true;
    }
    try {
      if (!super.handle(request, response, Callback.from(callback, gate::leave))) {
        gate.leave();
        return false;
      }
      return true;
    } catch (Exception | Error e) {
      gate.leave();
      throw e;
    }
  }

  private void refuse(Response response, Callback callback) {
    response.setStatus(closing.status());
    for (Map.Entry<String, String> h : closing.headers().entrySet()) {
      response.getHeaders().put(h.getKey(), h.getValue());
    }
    response.getHeaders().put(HttpHeader.CONNECTION, "close");
    byte[] body = closing.body();
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  /**
   * Refuses new requests from now on and waits until those in flight have been answered, or until
   * {@code deadline} ({@link System#nanoTime()}); true when they all were.
   */
  boolean drain(long deadline) throws InterruptedException {
    return gate.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
  }
}
