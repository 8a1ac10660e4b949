package dev.parley.server.internal.socket;

import dev.parley.Contract;
import dev.parley.Descriptor;
import dev.parley.Issue;
import dev.parley.Schema;
import dev.parley.State;
import dev.parley.Topic;
import java.util.function.UnaryOperator;
import dev.parley.internal.json.JsonCodec;
import dev.parley.internal.wire.TopicMessages;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.concurrent.locks.ReentrantLock;
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
    int window = target(topic.name()).replay();
    String key = key(topic, params);
    Feed feed = window > 0 ? feeds.computeIfAbsent(key, Feed::new) : feeds.get(key);
    if (feed == null) {
      return 0;
    }
    Feed.Publication p = feed.publish(codec.encode(topic.message().type(), message), window);
    published.incrementAndGet();
    int n = 0;
    for (TopicMember m : p.to()) {
      if (m.holder.deliver(TopicMessages.publish(m.id, p.tail()))) {
        n++;
      }
    }
    return n;
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
    Feed feed = feed(stateKey(state.name()));
    Feed.Publication p;
    long version;
    synchronized (feed) {
      Object value = change.apply(states.get(state.name()));
      List<Issue> issues = ((Schema<Object>) state.value()).validate(value);
      if (!issues.isEmpty()) {
        throw new IllegalArgumentException(state + ": the value does not fit its schema: "
            + issues);
      }
      p = feed.publish(codec.encode(state.value().type(), value), 1);
      version = feed.lastId();
      if (value == null) {
        states.remove(state.name());
      } else {
        states.put(state.name(), value);
      }
      for (TopicMember m : p.to()) {
        m.holder.deliver(TopicMessages.publish(m.id, p.tail()));
      }
    }
    return version;
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

  Feed feed(String key) {
    return feeds.computeIfAbsent(key, Feed::new);
  }

  /** Forgets {@code feed} once it has neither subscribers nor kept messages. */
  void idle(Feed feed) {
    feeds.computeIfPresent(feed.key, (k, f) -> f == feed && f.isIdle() ? null : f);
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
