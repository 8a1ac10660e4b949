package dev.parley.server.internal.socket;

import dev.parley.Channel;
import dev.parley.ErrorCode;
import dev.parley.Issue;
import dev.parley.ParleyException;
import dev.parley.Schema;
import dev.parley.internal.wire.ChannelMessages;
import dev.parley.internal.wire.ParleyMessages;
import dev.parley.server.internal.Caller;
import dev.parley.server.internal.Failures;
import dev.parley.server.internal.Realtime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The channel connections of one WebSocket connection, by token: connects ({@code onConnect}),
 * sends ({@code onMessage}) and leaves, each refusal an error naming the message's id with the
 * connection going on; and, when the WebSocket connection ends, {@code onDisconnect} of each once.
 * Handlers run in order on a {@link Serial}; a connect and each message run as calls through the
 * pipeline's {@link Realtime} entry, and the listeners hear their refusals too. A token needs no secrecy: it is looked up only among
 * the channel connections of the WebSocket connection that names it. Thread-safe.
 */
final class ChannelControl {
  /** What it needs of its WebSocket connection. */
  interface Host extends ParleyControl.Out {
    /** The caller, null before authentication. */
    @Nullable Caller caller();

    /** Where the realtime handlers run: the server's pipeline. */
    Realtime realtime();

    /** Queues {@code frame} if it fits now; false when it does not (or the queue is closed). */
    boolean offer(byte[] frame);

    /** Closes the connection: a reader too slow for what is sent to it. */
    void slow(String reason);
  }

  private final Channels channels;
  private final Host host;
  private final int max;
  private final Supplier<Boolean> greeted;
  private final Serial serial = new Serial();
  private final Map<String, ChannelMember> members = new HashMap<>();
  private final long number;
  private long tokens;
  private int connecting;
  private boolean closed;

  /**
   * @param number the WebSocket connection's number among the server's, the first part of each
   *     token: so a token is never given twice by one server, and one from before a reconnect is
   *     refused on the new connection
   */
  ChannelControl(Channels channels, Host host, int max, Supplier<Boolean> greeted, long number) {
    this.number = number;
    this.channels = channels;
    this.host = host;
    this.max = max;
    this.greeted = greeted;
  }

  /** Acts on a {@code parley.connect}, {@code parley.send} or {@code parley.leave}. */
  void handle(Message.Parley message) {
    Handling.run(host, message, m -> switch (m.method()) {
          case ParleyMessages.CONNECT -> connect(m);
          case ParleyMessages.SEND -> send(m);
          default -> leave(m);
    });
  }

  private @Nullable ParleyException connect(Message.Parley message) {
    Caller caller = Handling.caller(host, greeted, message);
    if (caller == null) {
      return null;
    }
    long start = System.nanoTime();
    String name = ChannelMessages.text(message.message(), "channel");
    ChannelTarget target = channels.target(name);
    Channel<?, ?, ?, ?, ?, ?> channel =
        channels.contractChannel(name) instanceof Channel<?, ?, ?, ?, ?, ?> c
            && caller.identity().role().sees(c) ? c : null;
    Object params;
    Object request;
    try {
      if (channel == null || target == null) {
        throw Failures.notFound(name);
      }
      params = decode(channel.params(), ChannelMessages.param(message.message(), "params"),
          "params");
      request = decode(channel.connectRequest(),
          ChannelMessages.param(message.message(), "request"), "request");
      synchronized (this) {
        if (members.size() + connecting >= max) {
          throw new ParleyException(ErrorCode.TOO_MANY_REQUESTS, "More than " + max
              + " channel connections on this connection");
        }
        connecting++;
      }
    } catch (IllegalArgumentException | ParleyException e) {
      return host.realtime().refused(name, channel, caller, start, Handling.refusal(e));
    }
    byte[] id = message.id();
    serial.run(() -> open(channel, target, caller, params, request, id, start));
    return null;
  }

  @SuppressWarnings("unchecked")
  private void open(Channel<?, ?, ?, ?, ?, ?> channel, ChannelTarget target, Caller caller,
      @Nullable Object params, @Nullable Object request, byte[] id, long start) {
    Object[] received = new Object[1];
    Object context;
    try {
      context = host.realtime().run(caller, caller.call(channel, params, request, false), start,
          ctx -> {
            Object answer = target.connect(ctx, params, request);
            List<Issue> issues = ((Schema<Object>) channel.connectAnswer()).validate(answer);
            if (!issues.isEmpty()) {
              throw new IllegalStateException(channel + ": onConnect returned a context that"
                  + " does not fit the connect answer schema: " + issues);
            }
            received[0] = ctx;
            return answer;
          });
    } catch (ParleyException e) {
      synchronized (this) {
        connecting--;
      }
      host.refuse(id, e);
      return;
    }
    ChannelMember member = new ChannelMember(channel, channels.key(channel, params),
        token(), caller, java.util.Objects.requireNonNull(received[0]), params, context, this);
    boolean gone;
    synchronized (this) {
      connecting--;
      gone = closed;
      if (!gone) {
        members.put(member.token, member);
      }
    }
    if (gone) {
      disconnect(member, target);
      return;
    }
    channels.add(member);
    host.put(ChannelMessages.connected(id, member.token));
  }

  private @Nullable ParleyException send(Message.Parley message) {
    long start = System.nanoTime();
    ChannelMember found = member(message);
    JsonNode payload = ChannelMessages.param(message.message(), "message");
    byte[] id = message.id();
    if (found != null) {
      serial.run(() -> hand(found, payload, id, start));
      return null;
    }
    String token = ChannelMessages.text(message.message(), "token");
    // maybe its connect is still running (a client that pipelines them): look again after it
    serial.run(() -> {
      ChannelMember later;
      synchronized (this) {
        later = members.get(token);
      }
      if (later == null) {
        host.refuse(id, stale());
      } else {
        hand(later, payload, id, start);
      }
    });
    return null;
  }

  /**
   * Hands a client's message to {@code onMessage} through the middleware, on the serial; refusals
   * name {@code id}.
   */
  private void hand(ChannelMember member, @Nullable JsonNode payload, byte[] id, long start) {
    ChannelTarget target = channels.target(member.channel.name());
    if (member.isEnded() || target == null) {
      return;
    }
    Realtime realtime = host.realtime();
    Object message;
    try {
      message = decode(member.channel.clientMessage(), payload, "message");
    } catch (IllegalArgumentException | ParleyException e) {
      host.refuse(id, realtime.refused(member.channel.name(), member.channel, member.caller,
          start, Handling.refusal(e)));
      return;
    }
    try {
      realtime.run(member.caller, member.caller.call(member.channel, member.params, message, true),
          start, ctx -> {
            target.message(ctx, member.params, member.context, message);
            return null;
          });
    } catch (ParleyException e) {
      host.refuse(id, e);
    }
  }

  private @Nullable ParleyException leave(Message.Parley message) {
    ChannelMember member;
    synchronized (this) {
      member = member(message);
      if (member != null) {
        members.remove(member.token);
      }
    }
    if (member == null) {
      return stale();
    }
    channels.remove(member);
    ChannelTarget target = channels.target(member.channel.name());
    serial.run(() -> disconnect(member, target));
    return null;
  }

  /** The WebSocket connection ended: every channel connection ends, each {@code onDisconnect} once. */
  void closed() {
    List<ChannelMember> all;
    synchronized (this) {
      closed = true;
      all = new ArrayList<>(members.values());
      members.clear();
    }
    for (ChannelMember m : all) {
      channels.remove(m);
      ChannelTarget target = channels.target(m.channel.name());
      serial.run(() -> disconnect(m, target));
    }
  }

  /** Queues a server message of one of its channel connections; see {@link Channels#send}. */
  boolean deliver(byte[] frame) {
    if (host.offer(frame)) {
      return true;
    }
    host.slow("Outbound queue full: a channel message did not fit");
    return false;
  }

  private static void disconnect(ChannelMember member, @Nullable ChannelTarget target) {
    if (!member.end() || target == null) {
      return;
    }
    try {
      target.disconnected(member.ctx, member.params, member.context);
    } catch (Exception e) {
      Failures.LOG.warn("onDisconnect of {} failed", member.channel.name(), e);
    }
  }

  /** A new token, {@code <connection number>.<n>}; it needs no secrecy (see the class). */
  private synchronized String token() {
    return number + "." + (++tokens);
  }

  private synchronized @Nullable ChannelMember member(Message.Parley message) {
    return members.get(ChannelMessages.text(message.message(), "token"));
  }

  private static ParleyException stale() {
    return new ParleyException(ErrorCode.NOT_FOUND, "No channel connection with this token on"
        + " this WebSocket connection: it never connected, it left, or it was made on an earlier"
        + " connection (connect again)");
  }

  private @Nullable Object decode(Schema<?> schema, @Nullable JsonNode node, String what) {
    if (schema.equals(Schema.none())) {
      return null;
    }
    return channels.codec().decode(schema, node, what);
  }

  private static ParleyException bad(String message) {
    return Handling.bad(message);
  }
}
