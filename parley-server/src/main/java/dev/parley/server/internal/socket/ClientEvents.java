package dev.parley.server.internal.socket;

import dev.parley.ClientEvent;
import dev.parley.Descriptor;
import dev.parley.ErrorCode;
import dev.parley.ParleyException;
import dev.parley.internal.json.JsonCodec;
import dev.parley.internal.wire.ParleyMessages;
import dev.parley.server.ClientEventHandler;
import dev.parley.server.internal.Caller;
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
 * valid; then it runs as a call on a virtual thread of its own, through the pipeline's {@link
 * dev.parley.server.internal.Realtime} entry: the server-wide middleware, then its handler.
 * Nothing is ever answered: a bad event, or one a middleware (or a shutdown) refuses, is dropped,
 * logged (debug) and counted, and the connection goes on. The call listeners hear every event
 * that names itself, dropped ones included. Thread-safe.
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

  @SuppressWarnings("unchecked")
  <P> void on(ClientEvent<?, P> event, ClientEventHandler<?, P> handler) {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(handler, "handler");
    if (!peers.contract().contains(event)) {
      throw new IllegalArgumentException(event + " is not part of " + peers.contract());
    }
    if (handlers.putIfAbsent(event.name(),
        new Handled<>(event, (ClientEventHandler<Object, P>) handler)) != null) {
      throw new IllegalStateException(event + " already has a handler");
    }
  }

  /** Handles a {@code parley.emit} of {@code from}: never a refusal, so always null. */
  @Nullable ParleyException fired(Peer from, JsonNode message) {
    long start = System.nanoTime();
    Caller caller = from.caller();
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
      return drop(from, caller, name, null, start, new ParleyException(ErrorCode.NOT_FOUND,
          "No client event \"" + name + "\" for this connection's role"));
    }
    if (h == null || caller == null) {
      return drop(from, caller, name, d, start, new ParleyException(ErrorCode.NOT_FOUND,
          "No handler of the client event \"" + name + "\""));
    }
    h.run(from, caller, payload, peers.codec(), start);
    return null;
  }

  long dropped() {
    return dropped.get();
  }

  long failed() {
    return failed.get();
  }

  private @Nullable ParleyException drop(Peer from, String name, @Nullable String why) {
    dropped.incrementAndGet();
    Failures.LOG.debug("dropped the client event {} of {}: {}", name, from.id(), why);
    return null;
  }

  /** Drops an event that names itself, and tells the listeners. */
  private @Nullable ParleyException drop(Peer from, @Nullable Caller caller, String name,
      @Nullable Descriptor<?> event, long start, ParleyException why) {
    if (caller != null) {
      peers.realtime().refused(name, event, caller, start, why);
    }
    return drop(from, name, why.getMessage());
  }

  /** An event with its handler. */
  private final class Handled<P> {
    private final ClientEvent<?, P> event;
    private final ClientEventHandler<Object, P> handler;

    Handled(ClientEvent<?, P> event, ClientEventHandler<Object, P> handler) {
      this.event = event;
      this.handler = handler;
    }

    void run(Peer from, Caller caller, @Nullable JsonNode payload, JsonCodec codec, long start) {
      P value;
      try {
        value = payload == null || payload.isNull() ? nullPayload()
            : codec.decode(event.payload(), payload, "payload");
      } catch (ParleyException invalid) {
        drop(from, caller, event.name(), event, start, invalid);
        return;
      }
      HANDLERS.newThread(() -> {
        boolean[] ran = {false};
        try {
          peers.realtime().run(caller, caller.call(event, null, value, false), start, ctx -> {
            ran[0] = true;
            handler.handle(ctx, from, value);
            return null;
          });
        } catch (ParleyException e) {
          if (ran[0]) {
            failed.incrementAndGet();
            Failures.LOG.debug("the handler of {} failed: {}", event, e.getMessage());
          } else {
            drop(from, event.name(), e.getMessage());
          }
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
