package dev.parley.client.internal;

import dev.parley.ErrorCode;
import dev.parley.ParleyException;
import dev.parley.Topic;
import dev.parley.client.ParleyClientException;
import dev.parley.client.TopicSubscription;
import dev.parley.internal.json.JsonCodec;
import dev.parley.internal.wire.ChannelMessages;
import dev.parley.internal.wire.Envelopes;
import dev.parley.internal.wire.ParleyMessages;
import dev.parley.internal.wire.TopicMessages;
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
 * The topic subscriptions of a {@link SocketLink}: subscribes each on the open WebSocket
 * connection and again on every new one (after its last event id), and routes {@code
 * parley.subscribed}, {@code parley.publish} and the errors naming its ids (strings {@code "t1"},
 * {@code "t2"} …). Thread-safe.
 */
final class SocketTopics {
  private static final String ID_PREFIX = "t";
  private static final String SET_PREFIX = "w";
  private final Map<String, java.util.concurrent.CompletableFuture<Long>> sets =
      new ConcurrentHashMap<>();

  private final JsonCodec writer;
  private final JsonCodec reader;
  private final AtomicLong ids = new AtomicLong();
  private final Map<String, ClientTopic<?>> live = new ConcurrentHashMap<>();
  private @Nullable Socket open;

  SocketTopics(JsonCodec writer, JsonCodec reader) {
    this.writer = writer;
    this.reader = reader;
  }

  /** Subscribes to {@code topic} and waits for the answer, at most {@code timeoutNanos}. */
  <M> TopicSubscription subscribe(Topic<?, ?, M> topic, @Nullable Object params,
      Consumer<? super M> onMessage, Consumer<? super ParleyClientException> onError,
      long timeoutNanos) {
    byte[] p;
    try {
      p = params == null ? null : writer.encode(topic.params().type(), params);
    } catch (ParleyException e) {
      throw new ParleyClientException(ErrorCode.BAD_REQUEST,
          topic.name() + ": the params cannot be written as JSON", 0, e);
    }
    return start(new ClientTopic<>(this, ID_PREFIX + ids.incrementAndGet(), topic.name(),
        topic.message(), false, p, onMessage, onError), timeoutNanos);
  }

  /** Observes {@code state} and waits for the answer, at most {@code timeoutNanos}. */
  <T> dev.parley.client.StateObservation observe(dev.parley.State<?, T> state,
      Consumer<? super T> onValue, Consumer<? super ParleyClientException> onError,
      long timeoutNanos) {
    return start(new ClientTopic<>(this, ID_PREFIX + ids.incrementAndGet(), state.name(),
        state.value(), true, null, onValue, onError), timeoutNanos);
  }

  /** Sets {@code state} to {@code value} and waits for its new version. */
  <T> long set(dev.parley.State<?, T> state, T value, long timeoutNanos) {
    byte[] json;
    try {
      json = writer.encode(state.value().type(), value);
    } catch (ParleyException e) {
      throw new ParleyClientException(ErrorCode.BAD_REQUEST,
          state.name() + ": the value cannot be written as JSON", 0, e);
    }
    String id = SET_PREFIX + ids.incrementAndGet();
    java.util.concurrent.CompletableFuture<Long> answer = new java.util.concurrent.CompletableFuture<>();
    sets.put(id, answer);
    Socket s;
    synchronized (this) {
      s = open;
    }
    if (s == null || s.isEnded()) {
      sets.remove(id);
      throw new ParleyClientException(ErrorCode.SERVICE_UNAVAILABLE,
          state.name() + ": no connection to set it on", 0, null);
    }
    s.send(TopicMessages.set(id, state.name(), json));
    try {
      return timeoutNanos > 0 ? answer.get(timeoutNanos, TimeUnit.NANOSECONDS) : answer.get();
    } catch (ExecutionException e) {
      throw e.getCause() instanceof ParleyClientException pce ? pce
          : new ParleyClientException(ErrorCode.INTERNAL_SERVER_ERROR, state.name(), 0, e);
    } catch (TimeoutException e) {
      throw Failures.timeout(state.name(), timeoutNanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ParleyClientException(ErrorCode.CLIENT_CLOSED_REQUEST,
          state.name() + ": interrupted while setting", 0, e);
    } finally {
      sets.remove(id);
    }
  }

  private <M> ClientTopic<M> start(ClientTopic<M> t, long timeoutNanos) {
    synchronized (this) {
      live.put(t.id, t);
      Socket s = open;
      if (s != null && !s.isEnded()) {
        t.sentOn = s;
        s.send(t.subscribeMessage());
      }
    }
    try {
      return timeoutNanos > 0 ? t.first.get(timeoutNanos, TimeUnit.NANOSECONDS) : t.first.get();
    } catch (ExecutionException e) {
      live.remove(t.id);
      throw e.getCause() instanceof ParleyClientException pce ? pce
          : new ParleyClientException(ErrorCode.INTERNAL_SERVER_ERROR, t.name, 0, e);
    } catch (TimeoutException e) {
      t.close();
      throw Failures.timeout(t.name, timeoutNanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      t.close();
      throw new ParleyClientException(ErrorCode.CLIENT_CLOSED_REQUEST,
          t.name + ": interrupted while subscribing", 0, e);
    }
  }

  /** A WebSocket connection opened and said hello: every live subscription subscribes on it. */
  synchronized void opened(Socket socket) {
    open = socket;
    for (ClientTopic<?> t : live.values()) {
      if (t.sentOn != socket && t.isOpen()) {
        t.sentOn = socket;
        socket.send(t.subscribeMessage());
      }
    }
  }

  /** Whether {@code node} is one of its messages; if so, it is handled. */
  boolean handle(@Nullable String method, JsonNode node) {
    JsonNode rawId = node.get("id");
    String id = rawId != null && rawId.isString() ? rawId.stringValue() : null;
    if (id != null && id.startsWith(SET_PREFIX)) {
      java.util.concurrent.CompletableFuture<Long> answer = sets.get(id);
      if (answer != null && ParleyMessages.SET.equals(method)) {
        JsonNode v = ChannelMessages.param(node, "version");
        answer.complete(v != null && v.canConvertToLong() ? v.longValue() : 0L);
        return true;
      }
      if (answer != null && node.get("error") instanceof JsonNode error && error.isObject()) {
        answer.completeExceptionally(Replies.exception(Envelopes.error(error, 500), null));
        return true;
      }
      return answer != null;
    }
    if (id == null || !id.startsWith(ID_PREFIX)) {
      return false;
    }
    ClientTopic<?> t = live.get(id);
    if (ParleyMessages.PUBLISH.equals(method)) {
      if (t != null) {
        JsonNode eventId = ChannelMessages.param(node, "eventId");
        t.heard(eventId != null && eventId.isString() ? eventId.stringValue() : null,
            ChannelMessages.param(node, "message"), reader);
      }
      return true;
    }
    if (ParleyMessages.SUBSCRIBED.equals(method)) {
      if (t != null) {
        t.subscribed();
      }
      return true;
    }
    if (node.get("error") instanceof JsonNode error && error.isObject()) {
      if (t != null) {
        live.remove(id);
        t.refused(Replies.exception(Envelopes.error(error, 500), null));
      }
      return true;
    }
    return false;
  }

  /** {@code t} was closed: the server is told, when it was sent. */
  void closed(ClientTopic<?> t) {
    live.remove(t.id);
    Socket s = t.sentOn;
    if (s != null && !s.isEnded()) {
      s.send(TopicMessages.unsubscribe(t.id));
    }
  }

  /** The link closed: every subscription ends. */
  void linkClosed(ParleyClientException why) {
    List<ClientTopic<?>> all;
    synchronized (this) {
      all = new ArrayList<>(live.values());
      live.clear();
      open = null;
    }
    for (ClientTopic<?> t : all) {
      t.refused(why);
    }
  }
}
