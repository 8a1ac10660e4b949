package dev.parley.client.internal;

import dev.parley.Channel;
import dev.parley.ErrorCode;
import dev.parley.ParleyException;
import dev.parley.client.ChannelConnection;
import dev.parley.client.ParleyClientException;
import dev.parley.internal.json.JsonCodec;
import dev.parley.internal.wire.ChannelMessages;
import dev.parley.internal.wire.ParleyMessages;
import dev.parley.internal.wire.WireError;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The channel connections of a {@link SocketLink}: connects each on the open WebSocket connection
 * and again on every new one, routes {@code parley.connected}, {@code parley.message} and the
 * errors naming its connects' ids (strings {@code "c1"}, {@code "c2"} …, never a tRPC request's
 * number). Thread-safe.
 */
final class SocketChannels {
  private static final String ID_PREFIX = "c";

  private final JsonCodec writer;
  private final JsonCodec reader;
  private final String base;
  private final AtomicLong ids = new AtomicLong();
  private final Map<String, ClientChannel<?>> connecting = new ConcurrentHashMap<>();
  private final Map<String, ClientChannel<?>> byToken = new ConcurrentHashMap<>();
  private final List<ClientChannel<?>> live = new ArrayList<>();
  private @Nullable Socket open;

  SocketChannels(JsonCodec writer, JsonCodec reader, String base) {
    this.writer = writer;
    this.reader = reader;
    this.base = base;
  }

  JsonCodec writer() {
    return writer;
  }

  JsonCodec reader() {
    return reader;
  }

  /** Connects {@code channel} and waits for the server's answer, at most {@code timeoutNanos}. */
  <SM> ChannelConnection<Object> connect(Channel<?, ?, ?, ?, ?, SM> channel,
      @Nullable Object params, @Nullable Object request, Consumer<? super SM> onMessage,
      Consumer<? super ParleyClientException> onError, long timeoutNanos) {
    byte[] p;
    byte[] q;
    try {
      p = params == null ? null : writer.encode(channel.params().type(), params);
      q = request == null ? null : writer.encode(channel.connectRequest().type(), request);
    } catch (ParleyException e) {
      throw new ParleyClientException(ErrorCode.BAD_REQUEST,
          channel.name() + ": the params or the request cannot be written as JSON", 0, e);
    }
    ClientChannel<SM> c = new ClientChannel<>(this, channel, p, q, onMessage, onError);
    synchronized (this) {
      live.add(c);
      Socket s = open;
      if (s != null && !s.isEnded()) {
        send(c, s);
      }
    }
    try {
      return timeoutNanos > 0 ? c.first.get(timeoutNanos, TimeUnit.NANOSECONDS) : c.first.get();
    } catch (ExecutionException e) {
      forget(c);
      throw e.getCause() instanceof ParleyClientException pce ? pce
          : new ParleyClientException(ErrorCode.INTERNAL_SERVER_ERROR, channel.name(), 0, e);
    } catch (TimeoutException e) {
      c.close();
      throw Failures.timeout(channel.name(), timeoutNanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      c.close();
      throw new ParleyClientException(ErrorCode.CLIENT_CLOSED_REQUEST,
          channel.name() + ": interrupted while connecting", 0, e);
    }
  }

  /** A WebSocket connection opened and said hello: every live channel connects on it. */
  synchronized void opened(Socket socket) {
    open = socket;
    for (ClientChannel<?> c : live) {
      if (c.sentOn != socket && c.isOpen()) {
        send(c, socket);
      }
    }
  }

  private void send(ClientChannel<?> c, Socket socket) {
    String id = ID_PREFIX + ids.incrementAndGet();
    String old = c.token;
    if (old != null) {
      byToken.remove(old);
    }
    c.sentOn = socket;
    connecting.put(id, c);
    socket.send(c.connectMessage(id));
  }

  /** Whether {@code node} is one of its messages; if so, it is handled. */
  boolean handle(Socket socket, @Nullable String method, JsonNode node) {
    if (ParleyMessages.MESSAGE.equals(method)) {
      JsonNode token = ChannelMessages.param(node, "token");
      ClientChannel<?> c = token != null && token.isString() ? byToken.get(token.stringValue())
          : null;
      JsonNode message = ChannelMessages.param(node, "message");
      if (c != null) {
        c.heard(message == null ? tools.jackson.databind.node.NullNode.getInstance() : message);
      }
      return true;
    }
    JsonNode rawId = node.get("id");
    String id = rawId != null && rawId.isString() ? rawId.stringValue() : null;
    if (id != null && id.startsWith(ChannelMessages.SEND_ID)
        && node.get("error") instanceof JsonNode sendError && sendError.isObject()) {
      ClientChannel<?> c = byToken.get(id.substring(ChannelMessages.SEND_ID.length()));
      if (c != null) {
        c.failed(Replies.exception(dev.parley.internal.wire.Envelopes.error(sendError, 500), null));
      }
      return true;
    }
    if (id == null || !id.startsWith(ID_PREFIX)) {
      return false;
    }
    ClientChannel<?> c = connecting.remove(id);
    if (ParleyMessages.CONNECTED.equals(method)) {
      String token;
      try {
        token = ChannelMessages.text(node, "token");
      } catch (IllegalArgumentException e) {
        return true;
      }
      if (c != null) {
        byToken.put(token, c);
        if (!c.connected(token, socket)) {
          byToken.remove(token);
          socket.send(ChannelMessages.leave(token));
        }
      }
      return true;
    }
    if (node.get("error") instanceof JsonNode error && error.isObject()) {
      WireError e = dev.parley.internal.wire.Envelopes.error(error, 500);
      ParleyClientException failure = Replies.exception(e, null);
      if (c != null) {
        forget(c);
        c.refused(failure);
      } else {
        ClientLog.LOG.log(Level.WARNING, "{0}: the server refused a channel message: {1} {2}",
            base, e.code(), e.message());
      }
      return true;
    }
    return false;
  }

  /** {@code c} was closed: it leaves, when connected. */
  void left(ClientChannel<?> c, @Nullable String leave) {
    Socket s = c.sentOn;
    forget(c);
    if (leave != null && s != null) {
      s.send(leave);
    }
  }

  private synchronized void forget(ClientChannel<?> c) {
    live.remove(c);
    String t = c.token;
    if (t != null) {
      byToken.remove(t);
    }
  }

  /** The link closed: every channel is closed, without a leave (the connection goes too). */
  void closed(ParleyClientException why) {
    List<ClientChannel<?>> all;
    synchronized (this) {
      all = new ArrayList<>(live);
      live.clear();
      open = null;
    }
    for (ClientChannel<?> c : all) {
      c.refused(why);
    }
  }
}
