package dev.parley.client;

/**
 * A client's connection to a {@link dev.parley.Channel}, made by {@link ParleyClient#connect}: it
 * sends the channel's client messages and hears its server messages until {@link #close()}.
 *
 * <p>It outlives its WebSocket connection: after a reconnect the client connects the channel again
 * (the server's {@code onConnect} runs again and gives a new token), and messages sent meanwhile
 * wait and go out, in order, once it is connected again. When the server refuses that connect, the
 * connection is closed and its error listener told. Thread-safe.
 *
 * @param <CM> the type of messages from the client
 */
public interface ChannelConnection<CM> extends AutoCloseable {
  /**
   * Sends {@code message}, which the server checks against the channel's schema and hands to
   * {@code onMessage}; returns at once. A refusal (a message that does not fit, a failing
   * handler) reaches the connection's error listener. Sent while the channel is connecting again,
   * it waits for the new token (at most 256 messages wait); sent on a WebSocket connection that is
   * being lost before the client noticed, it is lost with it (nothing is acknowledged).
   *
   * @throws ParleyClientException {@code CLIENT_CLOSED_REQUEST} once the connection is closed;
   *     {@code SERVICE_UNAVAILABLE} when 256 messages already wait for the channel to connect
   */
  void send(CM message);

  /** The token the server gave the current channel connection; changes on each reconnect. */
  String token();

  /** Whether it is still open (not closed by {@link #close()}, nor refused on a reconnect). */
  boolean isOpen();

  /** Leaves the channel: the server runs {@code onDisconnect}; nothing more is heard. */
  @Override
  void close();
}
