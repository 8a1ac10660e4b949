package dev.parley.server.internal.socket;

import dev.parley.Contract;
import dev.parley.Descriptor;
import dev.parley.Issue;
import dev.parley.Schema;
import dev.parley.State;
import dev.parley.Topic;
import dev.parley.internal.json.JsonCodec;
import dev.parley.internal.wire.TopicMessages;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The topics of one server: each one's hook and replay window, and its {@link Feed}s by params.
 * A publication is checked and encoded once, and its frame's tail made once; each subscriber's
 * frame is its id followed by that tail. Thread-safe.
 */
public final class Topics {
  private final Contract contract;
  private final JsonCodec codec;
  private final Map<String, TopicTarget> targets = new ConcurrentHashMap<>();
  private final Map<String, Feed> feeds = new ConcurrentHashMap<>();
  private final AtomicLong published = new AtomicLong();
  private final Map<String, Object> states = new ConcurrentHashMap<>();
  /** Per topic with a window: its feeds that keep messages, least recently published first. */
  private final Map<String, LinkedHashMap<String, Feed>> keeping = new ConcurrentHashMap<>();
  /** The highest event id of every feed evicted so far: a new feed counts on from here. */
  private final AtomicLong evictedIds = new AtomicLong();
  private final Map<String, ReentrantLock> order = new ConcurrentHashMap<>();
  private volatile BiConsumer<State<?, ?>, @Nullable Object> stateChanged = (state, value) -> {};

  Topics(Contract contract, JsonCodec codec) {
    this.contract = contract;
    this.codec = codec;
  }

  /**
   * Serves {@code topic} with {@code target}'s hook and window (a topic not given one is open to
   * its role and keeps nothing).
   *
   * @throws IllegalArgumentException if it is not part of the contract
   * @throws IllegalStateException if it already has one
   */
  public void implement(Topic<?, ?, ?> topic, TopicTarget target) {
    check(topic);
    if (targets.putIfAbsent(topic.name(), target) != null) {
      throw new IllegalStateException(topic + " is already implemented");
    }
  }

  /**
   * Publishes {@code message} to every subscriber of {@code topic} with {@code params}, and keeps
   * it when the topic keeps some. A subscriber whose outbound queue has no room for it is closed
   * {@code 1013}; its client reconnects and resumes from its last event id.
   *
   * @return how many subscriptions it was queued for
   * @throws IllegalArgumentException if the topic is not part of the contract, or the message
   *     does not fit its schema (naming every issue)
   */
  @SuppressWarnings("unchecked")
  public int publish(Topic<?, ?, ?> topic, @Nullable Object params, @Nullable Object message) {
    check(topic);
    List<Issue> issues = ((Schema<Object>) topic.message()).validate(message);
    if (!issues.isEmpty()) {
      throw new IllegalArgumentException(topic + ": the message does not fit its schema: "
          + issues);
    }
    TopicTarget target = target(topic.name());
    int window = target.replay();
    String key = key(topic, params);
    byte[] json = codec.encode(topic.message().type(), message);
    int[] queued = {0};
    List<TopicMember> refused = new ArrayList<>(0);
    Feed.Sender send = (m, tail) -> {
      if (m.holder.offer(TopicMessages.publish(m.id, tail))) {
        queued[0]++;
        return true;
      }
      refused.add(m);
      return false;
    };
    Feed.Publication p;
    Feed feed;
    do {
      feed = window > 0 ? feed(key) : feeds.get(key);
      if (feed == null) {
        return 0;
      }
      p = feed.publish(json, window, send); // numbered messages in the order of their ids
    } while (p == null);
    published.incrementAndGet();
    if (window > 0) {
      kept(topic.name(), feed, target.replayParams());
    }
    for (TopicMember m : refused) {
      m.holder.tooSlow();
    }
    return queued[0];
  }

  /** The current value of {@code state}, null until one was set. */
  public @Nullable Object stateValue(State<?, ?> state) {
    check(state);
    return states.get(state.name());
  }

  /**
   * Sets {@code state} to {@code change} applied to its current value, checked against its
   * schema, and sends it to every observer, as one step per state: changes are applied and sent
   * in order. An observer whose outbound queue has no room for it is closed {@code 1013}.
   *
   * @return the new version
   * @throws IllegalArgumentException if the state is not part of the contract, or the new value
   *     does not fit its schema (nothing changes)
   */
  public long updateState(State<?, ?> state, UnaryOperator<@Nullable Object> change) {
    check(state);
    ReentrantLock lock = order.computeIfAbsent(state.name(), k -> new ReentrantLock());
    lock.lock(); // the hook hears each state's changes in their order, outside the feed's lock
    try {
      Object[] value = new Object[1];
      long version = applyState(state, old -> value[0] = change.apply(old));
      stateChanged.accept(state, value[0]);
      return version;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Has {@code hook} hear each change {@link #updateState} makes, with the new value, in order
   * per state; not those {@link #applyState} makes (a change from another node).
   */
  public void onStateChanged(BiConsumer<State<?, ?>, @Nullable Object> hook) {
    this.stateChanged = hook;
  }

  /** Changes {@code state} as {@link #updateState} does, without telling the hook. */
  @SuppressWarnings("unchecked")
  public long applyState(State<?, ?> state, UnaryOperator<@Nullable Object> change) {
    check(state);
    while (true) {
      Feed feed = feed(stateKey(state.name()));
      synchronized (feed) {
        if (feed.isDetached()) {
          continue; // left idle before any value was set: take the map's current one
        }
        Object value = change.apply(states.get(state.name()));
        List<Issue> issues = ((Schema<Object>) state.value()).validate(value);
        if (!issues.isEmpty()) {
          throw new IllegalArgumentException(state + ": the value does not fit its schema: "
              + issues);
        }
        Feed.Publication p = Objects.requireNonNull(
            feed.publish(codec.encode(state.value().type(), value), 1));
        if (value == null) {
          states.remove(state.name());
        } else {
          states.put(state.name(), value);
        }
        for (TopicMember m : p.to()) {
          m.holder.deliver(TopicMessages.publish(m.id, p.tail()));
        }
        return feed.lastId();
      }
    }
  }

  /** The key of a state's feed: names have no {@code :}, so it is never a topic's. */
  static String stateKey(String name) {
    return "state:" + name;
  }

  TopicTarget target(String name) {
    return targets.getOrDefault(name, TopicTarget.OPEN);
  }

  @Nullable Descriptor<?> descriptor(String name) {
    return contract.find(name).orElse(null);
  }

  JsonCodec codec() {
    return codec;
  }

  /** The current feed of {@code key}, made when there is none. */
  Feed feed(String key) {
    return feeds.computeIfAbsent(key, k -> new Feed(k, evictedIds.get()));
  }

  /** Forgets {@code feed} once it has neither subscribers nor kept messages. */
  void idle(Feed feed) {
    feeds.computeIfPresent(feed.key, (k, f) -> f == feed && f.detach(false) ? null : f);
  }

  /**
   * {@code feed} of {@code topic} keeps messages and was just published to: past {@code max}
   * such feeds of the topic, the least recently published ones that nobody subscribes to now are
   * evicted, their kept messages dropped (a feed with subscribers stays: those are bounded by the
   * per-connection limit). A client that resumes one later gets all that its new feed keeps.
   */
  private void kept(String topic, Feed feed, int max) {
    LinkedHashMap<String, Feed> lru =
        keeping.computeIfAbsent(topic, t -> new LinkedHashMap<>(16, 0.75f, true));
    synchronized (lru) {
      lru.put(feed.key, feed);
      if (lru.size() <= max) {
        return;
      }
      for (var it = lru.values().iterator(); it.hasNext() && lru.size() > max; ) {
        Feed old = it.next();
        if (old != feed && old.detach(true)) {
          it.remove();
          feeds.remove(old.key, old);
          evictedIds.accumulateAndGet(old.lastId(), Math::max);
        } else if (old != feed && !feeds.containsKey(old.key)) {
          it.remove(); // no longer the map's: nothing to keep track of
        }
      }
    }
  }

  /** How many params of all topics keep messages now. */
  public int keptParams() {
    int n = 0;
    for (LinkedHashMap<String, Feed> lru : keeping.values()) {
      synchronized (lru) {
        n += lru.size();
      }
    }
    return n;
  }

  /** The key of a topic's params: its name and their canonical JSON. */
  String key(Topic<?, ?, ?> topic, @Nullable Object params) {
    return params == null || topic.params().equals(Schema.none()) ? topic.name()
        : topic.name() + '\n' + new String(encodeParams(topic, params), StandardCharsets.UTF_8);
  }

  byte[] encodeParams(Topic<?, ?, ?> topic, @Nullable Object params) {
    return codec.encode(topic.params().type(), params);
  }

  /** The topic subscriptions of one WebSocket connection. */
  TopicControl control(ChannelControl.Host host, int max, Supplier<Boolean> greeted) {
    return new TopicControl(this, host, max, greeted);
  }

  private void check(Descriptor<?> topic) {
    if (!contract.contains(Objects.requireNonNull(topic, "topic"))) {
      throw new IllegalArgumentException(topic + " is not part of " + contract);
    }
  }
}
