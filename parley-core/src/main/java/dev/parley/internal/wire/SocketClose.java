package dev.parley.internal.wire;

/**
 * The close codes a Parley server ends a WebSocket connection with (RFC 6455, section 7.4.1), and
 * what each means to a client: whether to reconnect at once, later, or not with the same frames.
 * Shared by the server and the Java client.
 */
public final class SocketClose {
  /** The client closed, or the connection ended normally. */
  public static final int NORMAL = 1000;
  /** No frame, not even a pong, came back after a ping: the peer is taken for gone. */
  public static final int GONE = 1001;
  /** The client sent a binary message; the wire is JSON text only. */
  public static final int BINARY = 1003;
  /**
   * The client broke a rule of the connection: more messages a second than allowed, a request
   * before the {@code connectionParams} it announced, credentials the authenticator refused, or
   * access the server revoked.
   */
  public static final int POLICY = 1008;
  /** The client sent a message larger than the server reads. */
  public static final int TOO_BIG = 1009;
  /** The server failed in a way it did not expect. */
  public static final int INTERNAL = 1011;
  /** The server shuts down or restarts: reconnect (to another node) and resume. */
  public static final int RESTART = 1012;
  /**
   * The client left the server's outbound queue full for too long: reconnect once it reads again,
   * and resume from the last event ids seen.
   */
  public static final int SLOW_READER = 1013;

  private SocketClose() {}
}
