package dev.parley.server;

import java.util.Map;

/**
 * How a transport receives the answer to one HTTP request from {@link ParleyServer#handle(
 * ParleyRequest, Responder)}: either one whole {@link ParleyResponse}, or a stream of chunks (a
 * streamed batch). Exactly one of {@link #respond} and {@link #stream} is called, once, possibly
 * from another thread than the one that called {@code handle} and possibly after it returned.
 * Implementations must not block for long in {@link #respond}.
 */
public interface Responder {

  /** Writes {@code response} whole. */
  void respond(ParleyResponse response);

  /**
   * Starts a streamed answer with {@code status} and {@code headers} (names in lower case); its
   * chunks follow through the stream returned.
   */
  ResponseStream stream(int status, Map<String, String> headers);

  /**
   * Registers what to run when the client goes away before its answer (its connection closed, its
   * HTTP/2 stream reset): the server then interrupts the calls of the request. The transport runs
   * {@code onGone} at most once, at once if the client is already gone; the default never does.
   */
  default void whenGone(Runnable onGone) {}

  /** The chunks of a streamed answer, written in order. */
  interface ResponseStream {

    /** Writes and flushes {@code chunk}; the server never calls it from two threads at once. */
    void write(byte[] chunk);

    /** Ends the answer. */
    void close();
  }
}
