package dev.parley.client.internal;

import dev.parley.Channel;
import dev.parley.ErrorCode;
import dev.parley.ParleyException;
import dev.parley.client.ChannelConnection;
import dev.parley.client.ParleyClientException;
import dev.parley.internal.wire.ChannelMessages;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One channel connection of a {@link SocketChannels}: its connect message (sent again on each new
 * WebSocket connection), its token while connected, the messages waiting for a token, and its
 * listeners, called in order on one {@link SerialExecutor}.
 */
final class ClientChannel<SM> implements ChannelConnection<Object> {
  final Channel<?, ?, ?, ?, ?, SM> channel;
  private final SocketChannels owner;
  private final byte @Nullable [] params;
  private final byte @Nullable [] request;
  private final Consumer<? super SM> onMessage;
  private final Consumer<? super ParleyClientException> onError;
  private final SerialExecutor delivery = new SerialExecutor();
  final CompletableFuture<ClientChannel<SM>> first = new CompletableFuture<>();
  /** The most messages that wait for a token while the channel connects (again): {@value}. */
  static final int MAX_WAITING = 256;

  private final List<byte[]> waiting = new ArrayList<>();
  @Nullable String id; // of the connect in flight
  @Nullable String token;
  @Nullable Socket sentOn;
  private boolean closed;

  ClientChannel(SocketChannels owner, Channel<?, ?, ?, ?, ?, SM> channel, byte @Nullable [] params,
      byte @Nullable [] request, Consumer<? super SM> onMessage,
      Consumer<? super ParleyClientException> onError) {
    this.owner = owner;
    this.channel = channel;
    this.params = params;
    this.request = request;
    this.onMessage = onMessage;
    this.onError = onError;
  }

  /** The connect message, with a fresh {@code id}. */
  synchronized String connectMessage(String id) {
    this.id = id;
    this.token = null;
    return ChannelMessages.connect(id, channel.name(), params, request);
  }

  /**
   * Connected with {@code token} on {@code socket}: the messages waiting go out on it, before any
   * sent later. False when it was closed meanwhile (the caller leaves it).
   */
  boolean connected(String token, Socket socket) {
    synchronized (this) {
      this.id = null;
      this.token = token;
      if (closed) {
        return false;
      }
      for (byte[] json : waiting) {
        socket.send(ChannelMessages.send(token, json));
      }
      waiting.clear();
    }
    first.complete(this);
    return true;
  }

  /** The server refused the connect: closed, the first connect failing or the listener told. */
  void refused(ParleyClientException e) {
    synchronized (this) {
      closed = true;
    }
    if (!first.completeExceptionally(e)) {
      delivery.execute(() -> onError.accept(e));
    }
  }

  /** The server refused one of its sends. */
  void failed(ParleyClientException e) {
    delivery.execute(() -> onError.accept(e));
  }

  void heard(JsonNode message) {
    SM value;
    try {
      value = owner.reader().decode(channel.serverMessage(), message, "message");
    } catch (ParleyException e) {
      ClientLog.LOG.log(Level.WARNING, "{0}: dropped a message that does not fit its schema: {1}",
          channel.name(), e.getMessage());
      return;
    }
    delivery.execute(() -> {
      if (isOpen()) {
        onMessage.accept(value);
      }
    });
  }

  @Override
  public void send(Object message) {
    byte[] json;
    try {
      json = owner.writer().encode(channel.clientMessage().type(), message);
    } catch (ParleyException e) {
      throw new ParleyClientException(ErrorCode.BAD_REQUEST,
          channel.name() + ": the message cannot be written as JSON", 0, e);
    }
    synchronized (this) {
      if (closed) {
        throw Failures.closed(channel.name());
      }
      Socket on = sentOn;
      if (token == null || on == null || on.isEnded()) {
        if (waiting.size() == MAX_WAITING) {
          throw new ParleyClientException(ErrorCode.SERVICE_UNAVAILABLE, channel.name()
              + ": " + MAX_WAITING + " messages already wait for the channel to connect again",
              0, null);
        }
        waiting.add(json);
        return;
      }
      on.send(ChannelMessages.send(token, json));
    }
  }

  @Override
  public synchronized String token() {
    return token == null ? "" : token;
  }

  @Override
  public synchronized boolean isOpen() {
    return !closed;
  }

  @Override
  public void close() {
    String leave;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      leave = token == null ? null : ChannelMessages.leave(token);
    }
    owner.left(this, leave);
  }
}
