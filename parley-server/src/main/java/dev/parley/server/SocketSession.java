package dev.parley.server;

/**
 * The server's side of one WebSocket connection, made by {@link ParleyServer#openSocket}: the
 * transport hands it what arrives, and the server answers through the connection's {@link
 * SocketOut}. It speaks tRPC v11's {@code wsLink} messages (queries, mutations, subscriptions and
 * their stops, several requests as a JSON array, {@code connectionParams} first when the URL says
 * {@code connectionParams=1}); {@code docs/protocol.md} describes the wire, its limits and close
 * codes.
 *
 * <p>The transport calls {@link #onText}, {@link #onBinary} and {@link #onPong} in the order the
 * frames arrived, one at a time, and reads the next frame only when the call returned: {@link
 * #onText} may block while the connection's outbound queue is full, which holds the client's
 * further requests back. Calls run on virtual threads of their own; answers may be sent from any
 * thread. Thread-safe.
 */
public interface SocketSession {

  /**
   * One whole text message arrived: a request, an array of requests, {@code connectionParams}, or
   * the keep-alive text {@code PING} (answered {@code PONG}) or {@code PONG}. May block; call it
   * from a thread that may (a virtual thread).
   */
  void onText(String text);

  /** A binary message arrived: the wire is JSON text only, so the connection is closed, 1003. */
  void onBinary();

  /** A pong frame arrived: the peer is alive. */
  void onPong();

  /**
   * The connection is closed, by either side or by a failure: every call still live on it is
   * cancelled (their handlers interrupted, their sinks cancelled) and nothing more is sent. Called
   * once by the transport; later calls are ignored.
   *
   * @param code the close code, {@code 1006} when the connection ended without one
   */
  void onClose(int code);
}
