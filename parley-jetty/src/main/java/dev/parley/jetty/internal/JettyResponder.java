package dev.parley.jetty.internal;

import dev.parley.server.ParleyResponse;
import dev.parley.server.Responder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Map;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Blocker;
import org.eclipse.jetty.util.Callback;

/**
 * Writes a {@link Responder}'s answer to a Jetty response: whole, or as a stream of chunks whose
 * writes block the calling (virtual) thread until Jetty took them. Tells the server when the client
 * goes away, through a {@link ClientWatch}.
 */
final class JettyResponder implements Responder {
  /** The server's constant headers, encoded once rather than parsed and checked per answer. */
  private static final Map<String, HttpField> KNOWN = Map.of(
      "content-type:application/json",
      new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "application/json"),
      "content-type:application/jsonl",
      new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "application/jsonl"),
      "vary:trpc-accept, accept", new PreEncodedHttpField(HttpHeader.VARY, "trpc-accept, accept"));

  private final Response response;
  private final Callback callback;
  private final ClientWatch watch;

  JettyResponder(Request request, Response response, Callback callback) {
    this.response = response;
    this.callback = callback;
    this.watch = new ClientWatch(request);
  }

  /** Starts noticing the client's leaving; call once the body is read. */
  void watch() {
    watch.start();
  }

  @Override
  public void respond(ParleyResponse answer) {
    watch.stop();
    byte[] body = answer.body();
    head(answer.status(), answer.headers());
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
  }

  @Override
  public ResponseStream stream(int status, Map<String, String> headers) {
    head(status, headers);
    return new ResponseStream() {
      @Override
      public void write(byte[] chunk) {
        try (Blocker.Callback written = Blocker.callback()) {
          response.write(false, ByteBuffer.wrap(chunk), written);
          written.block();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }

      @Override
      public void close() {
        watch.stop();
        response.write(true, null, callback);
      }
    };
  }

  @Override
  public void whenGone(Runnable onGone) {
    watch.whenGone(onGone);
  }

  private void head(int status, Map<String, String> headers) {
    watch.answering();
    response.setStatus(status);
    HttpFields.Mutable out = response.getHeaders();
    for (Map.Entry<String, String> h : headers.entrySet()) {
      HttpField known = KNOWN.get(h.getKey() + ':' + h.getValue());
      if (known != null) {
        out.put(known);
      } else {
        out.put(h.getKey(), h.getValue());
      }
    }
    if (watch.mustClose()) {
      out.put(HttpHeader.CONNECTION, "close");
    }
  }
}
