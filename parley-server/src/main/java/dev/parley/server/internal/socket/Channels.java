package dev.parley.server.internal.socket;

import dev.parley.Channel;
import dev.parley.Contract;
import dev.parley.Descriptor;
import dev.parley.Issue;
import dev.parley.Schema;
import dev.parley.internal.json.JsonCodec;
import dev.parley.internal.wire.ChannelMessages;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The channels of one server: each one's handlers, and the index of open channel connections by
 * channel and parameters that {@link #send} walks. A message is checked and encoded once however
 * many connections receive it; only the token differs between their frames. Thread-safe.
 */
public final class Channels {
  private final Contract contract;
  private final JsonCodec codec;
  private final Map<String, ChannelTarget> targets = new ConcurrentHashMap<>();
  private final Map<String, Set<ChannelMember>> index = new ConcurrentHashMap<>();
  private final java.util.concurrent.atomic.AtomicLong tokens = new java.util.concurrent.atomic.AtomicLong();

  Channels(Contract contract, JsonCodec codec) {
    this.contract = contract;
    this.codec = codec;
  }

  /**
   * Serves {@code channel} with {@code target}.
   *
   * @throws IllegalArgumentException if it is not part of the contract
   * @throws IllegalStateException if it is already served
   */
  public void implement(Channel<?, ?, ?, ?, ?, ?> channel, ChannelTarget target) {
    if (!contract.contains(channel)) {
      throw new IllegalArgumentException(channel + " is not part of " + contract);
    }
    if (targets.putIfAbsent(channel.name(), target) != null) {
      throw new IllegalStateException(channel + " is already implemented");
    }
  }

  /** The channels of the contract without {@code onConnect}, named. */
  public List<String> unimplemented() {
    List<String> missing = new ArrayList<>();
    for (Descriptor<?> d : contract.descriptors()) {
      ChannelTarget t = targets.get(d.name());
      if (d instanceof Channel<?, ?, ?, ?, ?, ?> && (t == null || !t.isImplemented())) {
        missing.add(d.toString());
      }
    }
    return missing;
  }

  /**
   * Sends {@code message} to every connection of {@code channel} with {@code params}: checked
   * against the server message schema and encoded once. A connection whose outbound queue has no
   * room for it is closed {@code 1013} (its client reconnects and connects again).
   *
   * @return how many channel connections it was queued for
   * @throws IllegalArgumentException if the channel is not part of the contract, or the message
   *     does not fit its schema (naming every issue)
   */
  @SuppressWarnings("unchecked")
  public int send(Channel<?, ?, ?, ?, ?, ?> channel, @Nullable Object params,
      @Nullable Object message) {
    if (!contract.contains(Objects.requireNonNull(channel, "channel"))) {
      throw new IllegalArgumentException(channel + " is not part of " + contract);
    }
    List<Issue> issues = ((Schema<Object>) channel.serverMessage()).validate(message);
    if (!issues.isEmpty()) {
      throw new IllegalArgumentException(channel + ": the message does not fit its schema: "
          + issues);
    }
    Set<ChannelMember> members = index.get(key(channel, params));
    if (members == null || members.isEmpty()) {
      return 0;
    }
    byte[] json = codec.encode(channel.serverMessage().type(), message);
    int n = 0;
    for (ChannelMember m : members) {
      if (!m.isEnded() && m.holder.deliver(ChannelMessages.message(m.token, json))) {
        n++;
      }
    }
    return n;
  }

  /** The contract's descriptor named {@code name}, if any. */
  @Nullable Descriptor<?> contractChannel(String name) {
    return contract.find(name).orElse(null);
  }

  @Nullable ChannelTarget target(String name) {
    return targets.get(name);
  }

  JsonCodec codec() {
    return codec;
  }

  /** The key of a channel's parameters in the index: its name and their canonical JSON. */
  String key(Channel<?, ?, ?, ?, ?, ?> channel, @Nullable Object params) {
    if (params == null || channel.params().equals(Schema.none())) {
      return channel.name();
    }
    return channel.name() + '\n'
        + new String(codec.encode(channel.params().type(), params), StandardCharsets.UTF_8);
  }

  /** The channel connections of one WebSocket connection. */
  ChannelControl control(ChannelControl.Host host, int max,
      java.util.function.Supplier<Boolean> greeted) {
    return new ChannelControl(this, host, max, greeted, tokens.incrementAndGet());
  }

  void add(ChannelMember member) {
    index.computeIfAbsent(member.key, k -> ConcurrentHashMap.newKeySet()).add(member);
  }

  void remove(ChannelMember member) {
    index.computeIfPresent(member.key, (k, set) -> {
      set.remove(member);
      return set.isEmpty() ? null : set;
    });
  }
}
