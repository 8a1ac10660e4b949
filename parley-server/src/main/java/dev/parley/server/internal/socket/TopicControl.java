package dev.parley.server.internal.socket;

import dev.parley.ErrorCode;
import dev.parley.Issue;
import dev.parley.ParleyException;
import dev.parley.Schema;
import dev.parley.State;
import dev.parley.Topic;
import dev.parley.internal.wire.ChannelMessages;
import dev.parley.internal.wire.ParleyMessages;
import dev.parley.internal.wire.TopicMessages;
import dev.parley.server.internal.Caller;
import dev.parley.server.internal.Failures;
import dev.parley.server.internal.Realtime;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The topic subscriptions of one WebSocket connection, by id: subscribes (the hook on a virtual
 * thread, then the answer and the kept messages after the last event id) and unsubscribes, each
 * refusal an error naming the message's id with the connection going on; all of them end with
 * the connection. A topic's subscribe runs as a call through the pipeline's {@link Realtime} entry
 * (the hook behind the server-wide middleware), and the listeners hear its refusals too; so do a
 * shared state's observe (no handler: the middleware may refuse it) and a client's set (the change
 * behind the middleware). Thread-safe.
 */
final class TopicControl {
  private final Topics topics;
  private final ChannelControl.Host host;
  private final int max;
  private final Supplier<Boolean> greeted;
  private final Serial serial = new Serial();
  private final Map<String, TopicMember> members = new HashMap<>();
  private final Map<String, Boolean> pending = new HashMap<>();
  private boolean closed;

  TopicControl(Topics topics, ChannelControl.Host host, int max, Supplier<Boolean> greeted) {
    this.topics = topics;
    this.host = host;
    this.max = max;
    this.greeted = greeted;
  }

  /** Acts on a {@code parley.subscribe} or {@code parley.unsubscribe}. */
  void handle(Message.Parley message) {
    Handling.run(host, message, m -> switch (m.method()) {
          case ParleyMessages.SUBSCRIBE -> subscribe(m);
          case ParleyMessages.SET -> set(m);
          default -> unsubscribe(m);
    });
  }

  private @Nullable ParleyException subscribe(Message.Parley message) {
    Caller caller = Handling.caller(host, greeted, message);
    if (caller == null) {
      return null;
    }
    long start = System.nanoTime();
    byte[] id = message.id();
    String key = new String(id, StandardCharsets.UTF_8);
    if (key.equals("null")) {
      return bad("\"" + message.method() + "\" needs an \"id\": a string or an integer of at most "
          + Message.MAX_ID_CHARS + " characters, naming the subscription");
    }
    JsonNode stateName = ChannelMessages.param(message.message(), "state");
    if (stateName != null) {
      return observe(message, caller, key, stateName);
    }
    String name = ChannelMessages.text(message.message(), "topic");
    Topic<?, ?, ?> topic = topics.descriptor(name) instanceof Topic<?, ?, ?> t
        && caller.identity().role().sees(t) ? t : null;
    ParleyException refusal;
    try {
      refusal = topic == null ? Failures.notFound(name) : admit(message, caller, topic, id,
          key, start);
    } catch (IllegalArgumentException | ParleyException e) {
      refusal = Handling.refusal(e);
    }
    return refusal == null ? null
        : host.realtime().refused(name, topic, caller, start, refusal);
  }

  /** Checks a subscribe to {@code topic} and queues its hook; its refusal, or null. */
  private @Nullable ParleyException admit(Message.Parley message, Caller caller,
      Topic<?, ?, ?> topic, byte[] id, String key, long start) {
    Object params = decode(topic.params(), ChannelMessages.param(message.message(), "params"));
    JsonNode last = ChannelMessages.param(message.message(), "lastEventId");
    Long after = null;
    if (last != null && !last.isNull()) {
      try {
        after = last.isString() ? Long.parseLong(last.stringValue()) : null;
      } catch (NumberFormatException e) {
        after = null;
      }
      if (after == null) {
        return bad("\"params.lastEventId\" must be a string of digits, an event id this topic"
            + " sent");
      }
    }
    synchronized (this) {
      if (members.containsKey(key) || pending.containsKey(key)) {
        return bad("Duplicate id " + key + ": a subscription with this id is live on this"
            + " connection");
      }
      if (members.size() + pending.size() >= max) {
        return new ParleyException(ErrorCode.TOO_MANY_REQUESTS, "More than " + max
            + " topic subscriptions on this connection");
      }
      pending.put(key, Boolean.TRUE);
    }
    Long from = after;
    serial.run(() -> open(topic, caller, params, id, key, from, start));
    return null;
  }

  @SuppressWarnings("unchecked")
  private void open(Topic<?, ?, ?> topic, Caller caller, @Nullable Object asked, byte[] id,
      String key, @Nullable Long after, long start) {
    Object params;
    try {
      params = host.realtime().run(caller, caller.call(topic, asked, asked, false), start, ctx -> {
        Object narrowed = topics.target(topic.name()).subscribe(ctx, asked);
        List<Issue> issues = ((Schema<Object>) topic.params()).validate(narrowed);
        if (!issues.isEmpty()) {
          throw new IllegalStateException(topic + ": onSubscribe returned params that do not fit"
              + " their schema: " + issues);
        }
        return narrowed;
      });
    } catch (ParleyException e) {
      synchronized (this) {
        pending.remove(key);
      }
      host.refuse(id, e);
      return;
    }
    join(topics.key(topic, params), id, topic.name(), topics.encodeParams(topic, params), key,
        after, "a topic's kept messages");
  }

  /**
   * Joins the feed of {@code feedKey} as subscription {@code key} (its answer's params {@code
   * params}), getting what was kept after {@code after}; the map's current feed when the one it
   * took was detached meanwhile. A queue too full for what it gets first closes the connection.
   */
  private void join(String feedKey, byte[] id, String name, byte[] params, String key,
      @Nullable Long after, String what) {
    Feed.Joined joined;
    Feed feed;
    do {
      feed = topics.feed(feedKey);
      TopicMember member = new TopicMember(id, name, feed, params, this);
      synchronized (this) {
        pending.remove(key);
        if (closed) {
          topics.idle(feed);
          return;
        }
        members.put(key, member);
      }
      joined = feed.join(member, after, (m, tail) -> host.offer(tail == null
          ? TopicMessages.subscribed(m.id, m.params) : TopicMessages.publish(m.id, tail)));
    } while (joined == Feed.Joined.DETACHED);
    if (joined == Feed.Joined.REFUSED) {
      synchronized (this) {
        members.remove(key);
      }
      topics.idle(feed);
      host.slow("Outbound queue full: " + what + " did not fit");
    }
  }

  /** A subscribe to a shared state: the current value first (when set), then every change. */
  private @Nullable ParleyException observe(Message.Parley message, Caller caller, String key,
      JsonNode stateName) {
    long start = System.nanoTime();
    String name = stateName.isString() ? stateName.stringValue() : "";
    if (!(topics.descriptor(name) instanceof State<?, ?> state)
        || !caller.identity().role().sees(state)) {
      return host.realtime().refused(name, null, caller, start, Failures.notFound(name));
    }
    synchronized (this) {
      if (members.containsKey(key) || pending.containsKey(key)) {
        return bad("Duplicate id " + key + ": a subscription with this id is live on this"
            + " connection");
      }
      if (members.size() + pending.size() >= max) {
        return host.realtime().refused(name, state, caller, start, new ParleyException(
            ErrorCode.TOO_MANY_REQUESTS, "More than " + max + " topic subscriptions on this"
            + " connection"));
      }
      pending.put(key, Boolean.TRUE);
    }
    byte[] id = message.id();
    serial.run(() -> follow(state, caller, id, key, start));
    return null;
  }

  /** Lets the middleware refuse an observe of {@code state}, then joins its feed. */
  private void follow(State<?, ?> state, Caller caller, byte[] id, String key, long start) {
    try {
      host.realtime().run(caller, caller.call(state, null, null, false), start, ctx -> null);
    } catch (ParleyException e) {
      synchronized (this) {
        pending.remove(key);
      }
      host.refuse(id, e);
      return;
    }
    join(Topics.stateKey(state.name()), id, state.name(), NULL, key, 0L, "a state's value");
  }

  /**
   * A {@code parley.set} of a client-writable state: the change runs behind the server-wide
   * middleware, in order with the connection's other handlers, and is answered with the new
   * version.
   */
  private @Nullable ParleyException set(Message.Parley message) {
    Caller caller = Handling.caller(host, greeted, message);
    if (caller == null) {
      return null;
    }
    long start = System.nanoTime();
    String name = ChannelMessages.text(message.message(), "state");
    if (!(topics.descriptor(name) instanceof State<?, ?> state)
        || !caller.identity().role().sees(state)) {
      return host.realtime().refused(name, null, caller, start, Failures.notFound(name));
    }
    Object value;
    try {
      if (!state.isClientWritable()) {
        throw new ParleyException(ErrorCode.FORBIDDEN, "The state \"" + name
            + "\" is set by the server only");
      }
      value = topics.codec().decode(state.value(),
          ChannelMessages.param(message.message(), "value"), "value");
    } catch (ParleyException e) {
      return host.realtime().refused(name, state, caller, start, e);
    }
    byte[] id = message.id();
    serial.run(() -> {
      try {
        Object version = host.realtime().run(caller, caller.call(state, null, value, false), start,
            ctx -> topics.updateState(state, old -> value));
        host.put(TopicMessages.setAnswer(id, (Long) java.util.Objects.requireNonNull(version)));
      } catch (ParleyException e) {
        host.refuse(id, e);
      }
    });
    return null;
  }

  private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

  private @Nullable ParleyException unsubscribe(Message.Parley message) {
    TopicMember member;
    synchronized (this) {
      member = members.remove(new String(message.id(), StandardCharsets.UTF_8));
    }
    if (member != null) {
      member.feed.leave(member);
      topics.idle(member.feed);
    }
    return null;
  }

  /** The WebSocket connection ended: every subscription ends. */
  void closed() {
    List<TopicMember> all;
    synchronized (this) {
      closed = true;
      all = new ArrayList<>(members.values());
      members.clear();
    }
    for (TopicMember m : all) {
      m.feed.leave(m);
      topics.idle(m.feed);
    }
  }

  /** Queues a publication for one of its subscriptions; see {@link Topics#publish}. */
  boolean deliver(byte[] frame) {
    if (offer(frame)) {
      return true;
    }
    tooSlow();
    return false;
  }

  /** Queues a publication for one of its subscriptions if it fits now; never waits. */
  boolean offer(byte[] frame) {
    return host.offer(frame);
  }

  /** Closes the connection {@code 1013}: a publication did not fit its queue. */
  void tooSlow() {
    host.slow("Outbound queue full: a topic message did not fit");
  }

  private @Nullable Object decode(Schema<?> schema, @Nullable JsonNode node) {
    if (schema.equals(Schema.none())) {
      return null;
    }
    return topics.codec().decode(schema, node, "params");
  }

  private static ParleyException bad(String message) {
    return Handling.bad(message);
  }
}
