package dev.parley.server.internal.socket;

import dev.parley.ClientEvent;
import dev.parley.Descriptor;
import dev.parley.ParleyException;
import dev.parley.internal.json.JsonCodec;
import dev.parley.internal.wire.ParleyMessages;
import dev.parley.server.ClientEventHandler;
import dev.parley.server.internal.Failures;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The server's handlers of client events, and what it does with a {@code parley.emit}: the event
 * must be of the contract, on the connection's role's surface and handled; its payload must be
 * valid; then its handler runs on a virtual thread of its own. Nothing is ever answered: a bad
 * event is dropped, logged (debug) and counted, and the connection goes on. Thread-safe.
 */
final class ClientEvents {
  private static final ThreadFactory HANDLERS =
      Thread.ofVirtual().name("parley-client-event").factory();

  private final Peers peers;
  private final Map<String, Handled<?>> handlers = new ConcurrentHashMap<>();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();

  ClientEvents(Peers peers) {
    this.peers = peers;
  }

  <P> void on(ClientEvent<?, P> event, ClientEventHandler<P> handler) {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(handler, "handler");
    if (!peers.contract().contains(event)) {
      throw new IllegalArgumentException(event + " is not part of " + peers.contract());
    }
    if (handlers.putIfAbsent(event.name(), new Handled<>(event, handler)) != null) {
      throw new IllegalStateException(event + " already has a handler");
    }
  }

  /** Handles a {@code parley.emit} of {@code from}: never a refusal, so always null. */
  @Nullable ParleyException fired(Peer from, JsonNode message) {
    String name;
    JsonNode payload;
    try {
      JsonNode params = ParleyMessages.params(message);
      name = ParleyMessages.text(params, "name");
      payload = params.get("payload");
    } catch (IllegalArgumentException e) {
      return drop(from, "?", e.getMessage());
    }
    Descriptor<?> d = peers.contract().find(name).orElse(null);
    Handled<?> h = handlers.get(name);
    if (!(d instanceof ClientEvent<?, ?>) || !from.role().sees(d)) {
      return drop(from, name, "no such client event for this connection's role");
    }
    if (h == null) {
      return drop(from, name, "no handler");
    }
    h.run(from, payload, peers.codec());
    return null;
  }

  long dropped() {
    return dropped.get();
  }

  long failed() {
    return failed.get();
  }

  private @Nullable ParleyException drop(Peer from, String name, String why) {
    dropped.incrementAndGet();
    Failures.LOG.debug("dropped the client event {} of {}: {}", name, from.id(), why);
    return null;
  }

  /** An event with its handler. */
  private final class Handled<P> {
    private final ClientEvent<?, P> event;
    private final ClientEventHandler<P> handler;

    Handled(ClientEvent<?, P> event, ClientEventHandler<P> handler) {
      this.event = event;
      this.handler = handler;
    }

    void run(Peer from, @Nullable JsonNode payload, JsonCodec codec) {
      P value;
      try {
        value = payload == null || payload.isNull() ? nullPayload()
            : codec.decode(event.payload(), payload, "payload");
      } catch (ParleyException invalid) {
        drop(from, event.name(), invalid.getMessage());
        return;
      }
      HANDLERS.newThread(() -> {
        try {
          handler.handle(from, value);
        } catch (Exception e) {
          failed.incrementAndGet();
          Failures.LOG.error("the handler of {} failed", event, e);
        }
      }).start();
    }

    private @Nullable P nullPayload() {
      var issues = event.payload().validate(null);
      if (!issues.isEmpty()) {
        throw ParleyException.invalid("payload", issues);
      }
      return null;
    }
  }
}
