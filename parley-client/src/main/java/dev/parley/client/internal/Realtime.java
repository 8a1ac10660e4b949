package dev.parley.client.internal;

import dev.parley.ClientEvent;
import dev.parley.ClientProcedure;
import dev.parley.Contract;
import dev.parley.Descriptor;
import dev.parley.ErrorCode;
import dev.parley.Event;
import dev.parley.Issue;
import dev.parley.ParleyException;
import dev.parley.Schema;
import dev.parley.client.ClientProcedureHandler;
import dev.parley.client.Registration;
import dev.parley.internal.json.JsonCodec;
import dev.parley.internal.wire.ParleyMessages;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * A WebSocket client's side of events and client procedures: the listeners of server events, the
 * implementations of client procedures, and the messages for them ({@code parley.event}, {@code
 * parley.call} in; {@code parley.emit}, {@code parley.register}, {@code parley.answer} out). Using
 * any of them makes the link say hello on every connection; each new connection is told every
 * registered procedure again ({@link #connected}). Events are heard in order, one at a time, on a
 * thread of their own; a call runs on a virtual thread of its own. Thread-safe.
 */
public final class Realtime {
  private static final ThreadFactory CALLS =
      Thread.ofVirtual().name("parley-client-procedure").factory();

  /** How it reaches the connection. */
  interface Wire {
    /** Says hello on the open connection, if not yet, and on every later one. */
    void greet();

    /** Sends {@code message} on the open connection; false when none is open (dropped). */
    boolean send(String message);
  }

  private final Contract contract;
  private final Wire wire;
  private final JsonCodec codec;
  private final String base;
  private final Map<String, List<Listener<?>>> listeners = new ConcurrentHashMap<>();
  private final Map<String, Implemented<?, ?>> procedures = new ConcurrentHashMap<>();
  private final SerialExecutor delivery = new SerialExecutor();

  Realtime(Contract contract, Wire wire, JsonCodec codec, String base) {
    this.contract = contract;
    this.wire = wire;
    this.codec = codec;
    this.base = base;
  }

  /** Has {@code handler} hear every {@code event} pushed to this client from now on. */
  public <P> Registration on(Event<?, P> event, Consumer<? super P> handler) {
    known(event);
    Listener<P> l = new Listener<>(event, handler);
    List<Listener<?>> list =
        listeners.computeIfAbsent(event.name(), k -> new CopyOnWriteArrayList<>());
    list.add(l);
    wire.greet();
    return () -> list.remove(l);
  }

  /**
   * Fires {@code event} with {@code payload}; false when no connection is open (it is dropped).
   *
   * @throws IllegalArgumentException when the payload is not valid by the event's schema
   */
  public <P> boolean emit(ClientEvent<?, P> event, @Nullable P payload) {
    known(event);
    check(event.payload(), payload, "payload of " + event);
    byte[] json = payload == null ? null : codec.encode(event.payload().type(), payload);
    wire.greet();
    return wire.send(ParleyMessages.emit(event.name(), json));
  }

  /**
   * Implements {@code procedure} with {@code handler} and tells the server.
   *
   * @throws IllegalStateException when it is implemented already
   */
  public <I, O> Registration register(ClientProcedure<?, I, O> procedure,
      ClientProcedureHandler<I, O> handler) {
    known(procedure);
    Implemented<I, O> impl = new Implemented<>(procedure, handler);
    if (procedures.putIfAbsent(procedure.name(), impl) != null) {
      throw new IllegalStateException(procedure + " is implemented already");
    }
    wire.greet();
    wire.send(ParleyMessages.register(procedures.keySet()));
    return () -> procedures.remove(procedure.name(), impl);
  }

  /** A connection opened and said hello: it is told every implemented procedure. */
  void connected() {
    if (!procedures.isEmpty()) {
      wire.send(ParleyMessages.register(procedures.keySet()));
    }
  }

  /** A {@code parley.event} came. */
  void event(JsonNode message) {
    try {
      JsonNode params = ParleyMessages.params(message);
      String name = ParleyMessages.text(params, "name");
      List<Listener<?>> list = listeners.get(name);
      if (list == null || list.isEmpty()) {
        return;
      }
      JsonNode payload = params.get("payload");
      for (Listener<?> l : list) {
        l.hear(payload);
      }
    } catch (IllegalArgumentException | ParleyException e) {
      ClientLog.LOG.log(Level.WARNING, "{0}: dropped an unreadable event: {1}", base,
          e.getMessage());
    }
  }

  /** A {@code parley.call} came: it is answered, whatever happens. */
  void call(JsonNode message) {
    long id;
    String name;
    JsonNode input;
    try {
      JsonNode params = ParleyMessages.params(message);
      id = ParleyMessages.callId(params);
      name = ParleyMessages.text(params, "name");
      input = params.get("input");
    } catch (IllegalArgumentException e) {
      ClientLog.LOG.log(Level.WARNING, "{0}: dropped an unreadable call: {1}", base,
          e.getMessage());
      return;
    }
    Implemented<?, ?> impl = procedures.get(name);
    if (impl == null) {
      wire.send(ParleyMessages.answerError(id, ErrorCode.NOT_FOUND.name(),
          "This client does not implement " + name));
      return;
    }
    CALLS.newThread(() -> wire.send(impl.answer(id, input))).start();
  }

  private void known(Descriptor<?> d) {
    if (!contract.contains(Objects.requireNonNull(d, "descriptor"))) {
      throw new IllegalArgumentException(d + " is not in this client's contract");
    }
  }

  @SuppressWarnings("unchecked")
  private static void check(Schema<?> schema, @Nullable Object value, String what) {
    List<Issue> issues = ((Schema<Object>) schema).validate(value);
    if (!issues.isEmpty()) {
      throw new IllegalArgumentException(what + " is invalid: " + issues);
    }
  }

  private <T> @Nullable T decode(Schema<T> schema, @Nullable JsonNode node, String what) {
    if (node == null || node.isNull()) {
      List<Issue> issues = schema.validate(null);
      if (!issues.isEmpty()) {
        throw ParleyException.invalid(what, issues);
      }
      return null;
    }
    return codec.decode(schema, node, what);
  }

  /** One listener of one event. */
  private final class Listener<P> {
    private final Event<?, P> event;
    private final Consumer<? super P> handler;

    Listener(Event<?, P> event, Consumer<? super P> handler) {
      this.event = event;
      this.handler = handler;
    }

    void hear(@Nullable JsonNode payload) {
      P value = decode(event.payload(), payload, "payload");
      delivery.execute(() -> {
        try {
          handler.accept(value);
        } catch (RuntimeException e) {
          ClientLog.LOG.log(Level.WARNING, "a listener of " + event + " failed", e);
        }
      });
    }
  }

  /** One implemented procedure. */
  private final class Implemented<I, O> {
    private final ClientProcedure<?, I, O> procedure;
    private final ClientProcedureHandler<I, O> handler;

    Implemented(ClientProcedure<?, I, O> procedure, ClientProcedureHandler<I, O> handler) {
      this.procedure = procedure;
      this.handler = handler;
    }

    String answer(long id, @Nullable JsonNode input) {
      I in;
      try {
        in = decode(procedure.input(), input, "input");
      } catch (ParleyException invalid) {
        return ParleyMessages.answerError(id, invalid.code().name(), invalid.getMessage());
      }
      try {
        O out = handler.handle(in);
        check(procedure.output(), out, "output of " + procedure);
        return ParleyMessages.answer(id, out == null ? null
            : codec.encode(procedure.output().type(), out));
      } catch (ParleyException e) {
        return ParleyMessages.answerError(id, e.code().name(), e.getMessage());
      } catch (Exception e) {
        ClientLog.LOG.log(Level.WARNING, "the implementation of " + procedure + " failed", e);
        return ParleyMessages.answerError(id, ErrorCode.INTERNAL_SERVER_ERROR.name(),
            "The client's implementation of " + procedure.name() + " failed");
      }
    }
  }
}
