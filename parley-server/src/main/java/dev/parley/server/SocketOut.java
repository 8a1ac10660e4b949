package dev.parley.server;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A transport's side of one WebSocket connection: how the server sends on it. The transport
 * implements it and hands it to {@link ParleyServer#openSocket}; the server then sends every frame
 * of the connection through it.
 *
 * <p>The server calls {@link #send} with the messages queued since its last send, and never again
 * before that send's {@link Sent callback} ran, so a transport needs no queue of its own (the
 * server's is bounded, see {@link ServerOptions#socketQueueBytes()}); it should write the messages
 * of one send together (one gathering write) where it can. {@link #ping()}, {@link #close} and {@link #abort()}
 * may come at any time, from any thread, also while a send is in flight. None of them may block.
 */
public interface SocketOut {

  /**
   * Sends text messages, in order, and calls {@code sent} once the last is written, or the send
   * failed.
   *
   * @param messages at least one whole message, each valid UTF-8; the arrays are the transport's
   *     to read (never to change) until {@code sent} ran, and may be shared with other connections
   * @param sent called exactly once, from any thread (possibly before this method returns)
   */
  void send(List<byte[]> messages, Sent sent);

  /** Sends a ping frame; the peer's pong comes to {@link SocketSession#onPong()}. */
  void ping();

  /**
   * Starts the closing handshake: a close frame with {@code code} and {@code reason} follows the
   * messages already sent. Once the connection is closed, by the handshake or otherwise, the
   * transport calls {@link SocketSession#onClose}.
   *
   * @param code the close code, e.g. {@code 1012}
   * @param reason a short reason, at most 123 bytes of UTF-8
   */
  void close(int code, String reason);

  /**
   * Drops the connection at once, without a closing handshake: for a peer that reads nothing, which
   * no close frame would reach. The transport then calls {@link SocketSession#onClose}.
   */
  void abort();

  /** The end of one {@link #send}. */
  @FunctionalInterface
  interface Sent {
    /**
     * The messages were written, when {@code failure} is null; else they could not all be, and the
     * connection is as good as closed.
     */
    void done(@Nullable Throwable failure);
  }
}
