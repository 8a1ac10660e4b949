package dev.parley.client.internal;

import dev.parley.ParleyException;
import dev.parley.client.ParleyClientException;
import dev.parley.client.TopicSubscription;
import dev.parley.internal.json.JsonCodec;
import dev.parley.internal.wire.TopicMessages;
import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One topic subscription of a {@link SocketTopics}: its subscribe message (sent again on each new
 * WebSocket connection, after the last event id heard), and its listeners, called in order on one
 * {@link SerialExecutor}.
 */
final class ClientTopic<M> implements TopicSubscription, dev.parley.client.StateObservation {
  final String name;
  private final dev.parley.Schema<M> schema;
  private final boolean state;
  private final SocketTopics owner;
  private final byte @Nullable [] params;
  private final Consumer<? super M> onMessage;
  private final Consumer<? super ParleyClientException> onError;
  private final SerialExecutor delivery = new SerialExecutor();
  final CompletableFuture<ClientTopic<M>> first = new CompletableFuture<>();
  final String id;
  @Nullable Socket sentOn;
  private volatile @Nullable String lastEventId;
  private volatile boolean closed;

  /**
   * @param state whether it observes a shared state (then {@code params} is null), not a topic
   */
  ClientTopic(SocketTopics owner, String id, String name, dev.parley.Schema<M> schema,
      boolean state, byte @Nullable [] params, Consumer<? super M> onMessage,
      Consumer<? super ParleyClientException> onError) {
    this.owner = owner;
    this.id = id;
    this.name = name;
    this.schema = schema;
    this.state = state;
    this.params = params;
    this.onMessage = onMessage;
    this.onError = onError;
  }

  String subscribeMessage() {
    return state ? TopicMessages.observe(id, name)
        : TopicMessages.subscribe(id, name, params, lastEventId);
  }

  void subscribed() {
    first.complete(this);
  }

  void refused(ParleyClientException e) {
    closed = true;
    if (!first.completeExceptionally(e)) {
      delivery.execute(() -> onError.accept(e));
    }
  }

  void heard(@Nullable String eventId, @Nullable JsonNode message, JsonCodec reader) {
    M value;
    try {
      value = reader.decode(schema, message, "message");
    } catch (ParleyException e) {
      ClientLog.LOG.log(Level.WARNING, "{0}: dropped a message that does not fit its schema: {1}",
          name, e.getMessage());
      return;
    }
    if (eventId != null) {
      lastEventId = eventId;
    }
    delivery.execute(() -> {
      if (!closed) {
        onMessage.accept(value);
      }
    });
  }

  @Override
  public Optional<String> lastEventId() {
    return Optional.ofNullable(lastEventId);
  }

  @Override
  public boolean isOpen() {
    return !closed;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      owner.closed(this);
    }
  }
}
