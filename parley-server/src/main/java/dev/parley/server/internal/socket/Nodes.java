package dev.parley.server.internal.socket;

import dev.parley.Channel;
import dev.parley.Contract;
import dev.parley.Event;
import dev.parley.Issue;
import dev.parley.PeerMessage;
import dev.parley.Schema;
import dev.parley.State;
import dev.parley.Topic;
import dev.parley.internal.json.JsonCodec;
import dev.parley.server.Broker;
import dev.parley.server.Connection;
import dev.parley.server.Delivery;
import dev.parley.server.PeerHandler;
import dev.parley.server.internal.Failures;
import dev.parley.server.internal.Pipeline;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.JsonNode;

/**
 * This server as one node among others that share its {@link Broker}: each publication is
 * delivered to this node's connections directly, as before, then encoded once into a small JSON
 * envelope ({@link Envelopes}) and published for the other nodes, which deliver it to theirs.
 * Without a broker it only delivers locally and encodes nothing. A message from another node that
 * does not parse, names what this node's contract lacks, or does not fit its schema is dropped,
 * logged and counted ({@link #dropped()}). Thread-safe.
 */
public final class Nodes implements AutoCloseable {
  private final String id = UUID.randomUUID().toString();
  private final @Nullable Broker broker;
  private final Sockets sockets;
  private final Contract contract;
  private final JsonCodec codec;
  private final Envelopes envelopes;
  private final List<Broker.Registration> registrations = new ArrayList<>();
  private final Map<String, PeerHandler<?>> handlers = new ConcurrentHashMap<>();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong unsent = new AtomicLong();

  /** The node of {@code sockets}' server, reaching the others through {@code broker} if any. */
  public Nodes(Sockets sockets, Pipeline pipeline, @Nullable Broker broker) {
    this.sockets = sockets;
    this.broker = broker;
    this.contract = pipeline.contract();
    this.codec = pipeline.codec();
    this.envelopes = new Envelopes(id, codec, sockets.frames());
    if (broker != null) {
      sockets.topics().onStateChanged((state, value) -> forward(Envelopes.STATE,
          envelopes.write(state.name(),
              g -> envelopes.value(g, "value", state.value().type(), value))));
      for (String subject : Envelopes.SUBJECTS) {
        registrations.add(broker.subscribe(subject, bytes -> receive(subject, bytes)));
      }
    }
  }

  /** This node's id, random per server. */
  public String id() {
    return id;
  }

  /** The messages from other nodes dropped since the server started. */
  public long dropped() {
    return dropped.get();
  }

  /** Publishes to {@code topic}'s subscribers here, then on the other nodes. */
  public int publish(Topic<?, ?, ?> topic, @Nullable Object params, @Nullable Object message) {
    int n = sockets.topics().publish(topic, params, message);
    if (broker != null) {
      forward(Envelopes.TOPIC, envelopes.write(topic.name(), g -> {
        envelopes.value(g, "params", topic.params().type(), params);
        envelopes.value(g, "message", topic.message().type(), message);
      }));
    }
    return n;
  }

  /** Sends to {@code channel}'s connections here, then on the other nodes. */
  public int send(Channel<?, ?, ?, ?, ?, ?> channel, @Nullable Object params,
      @Nullable Object message) {
    int n = sockets.channels().send(channel, params, message);
    if (broker != null) {
      forward(Envelopes.CHANNEL, envelopes.write(channel.name(), g -> {
        envelopes.value(g, "params", channel.params().type(), params);
        envelopes.value(g, "message", channel.serverMessage().type(), message);
      }));
    }
    return n;
  }

  /** Pushes the invalidation of {@code changed} to watchers here, then on the other nodes. */
  public int invalidate(Set<String> changed, @Nullable Object origin) {
    int n = sockets.invalidate(changed, origin);
    if (broker != null && !changed.isEmpty()) {
      forward(Envelopes.INVALIDATE, envelopes.write(null, g -> {
        g.writeName("resources");
        g.writeStartArray();
        for (String r : changed) {
          g.writeString(r);
        }
        g.writeEndArray();
      }));
    }
    return n;
  }

  /**
   * Sends {@code event} to {@code picked} here, then to the recipients named {@code to} ({@code
   * everyone}, {@code principal}, {@code room}, {@code role}; null for those local by nature) on
   * the other nodes. Reaching nobody here is no error when the event goes to other nodes too.
   */
  public <P> CompletableFuture<Delivery> emit(Event<?, P> event, Collection<Connection<?>> picked,
      boolean optional, @Nullable String to, @Nullable Object among, @Nullable P payload,
      boolean await) {
    boolean across = broker != null && to != null;
    CompletableFuture<Delivery> here =
        sockets.peers().emit(event, picked, payload, optional || across, await);
    if (across) {
      forward(Envelopes.EVENT, envelopes.write(event.name(), g -> {
        envelopes.recipients(g, to, among);
        envelopes.value(g, "payload", event.payload().type(), payload);
      }));
    }
    return here;
  }

  /** Handles {@code message} from other nodes with {@code handler}. */
  public <P> void onPeer(PeerMessage<P> message, PeerHandler<P> handler) {
    check(message);
    if (handlers.putIfAbsent(message.name(), handler) != null) {
      throw new IllegalStateException(message + " has a handler already");
    }
  }

  /** Checks {@code payload} and tells it to every other node; returns at once. */
  @SuppressWarnings("unchecked")
  public <P> void tell(PeerMessage<P> message, @Nullable P payload) {
    check(message);
    List<Issue> issues = ((Schema<Object>) message.payload()).validate(payload);
    if (!issues.isEmpty()) {
      throw new IllegalArgumentException("payload of " + message + " is invalid: " + issues);
    }
    if (broker != null) {
      forward(Envelopes.PEER, envelopes.write(message.name(),
          g -> envelopes.value(g, "payload", message.payload().type(), payload)));
    }
  }

  /**
   * Publishes {@code envelope} for the other nodes. A broker that fails (closed, unreachable) is
   * logged and counted: what this node delivered to its own connections stands.
   */
  private void forward(String subject, byte[] envelope) {
    Broker to = broker;
    if (to == null) {
      return;
    }
    try {
      to.publish(subject, envelope);
    } catch (RuntimeException e) {
      unsent.incrementAndGet();
      Failures.LOG.warn("could not publish on {} for the other nodes: {}", subject, e.toString());
    }
  }

  /** The messages for other nodes the broker failed to take since the server started. */
  public long unsent() {
    return unsent.get();
  }

  /** Stops receiving from the other nodes; the broker stays open. */
  @Override
  public void close() {
    synchronized (registrations) {
      registrations.forEach(Broker.Registration::close);
      registrations.clear();
    }
  }

  private void check(PeerMessage<?> message) {
    if (!contract.contains(message)) {
      throw new IllegalArgumentException(message + " is not part of " + contract);
    }
  }

  // ---- from the other nodes ----

  private void receive(String subject, byte[] bytes) {
    if (envelopes.isOwn(bytes)) {
      return;
    }
    try {
      Envelopes.Received e = envelopes.read(bytes);
      if (e.node().equals(id)) {
        return;
      }
      switch (subject) {
        case Envelopes.TOPIC -> {
          Topic<?, ?, ?> t = e.descriptor(contract, Topic.class);
          sockets.topics().publish(t, e.value(t.params(), "params"), e.value(t.message(), "message"));
        }
        case Envelopes.CHANNEL -> {
          Channel<?, ?, ?, ?, ?, ?> c = e.descriptor(contract, Channel.class);
          sockets.channels().send(c, e.value(c.params(), "params"),
              e.value(c.serverMessage(), "message"));
        }
        case Envelopes.INVALIDATE -> sockets.invalidate(e.resources(), null);
        case Envelopes.EVENT -> event(e);
        case Envelopes.STATE -> {
          State<?, ?> s = e.descriptor(contract, State.class);
          Object value = e.value(s.value(), "value");
          sockets.topics().applyState(s, old -> value);
        }
        case Envelopes.PEER -> peer(e);
        default -> throw new IllegalArgumentException("unknown subject " + subject);
      }
    } catch (RuntimeException ex) {
      dropped.incrementAndGet();
      Failures.LOG.warn("dropped a message from another node on {}: {}", subject,
          ex.getMessage());
    }
  }

  @SuppressWarnings("unchecked")
  private void event(Envelopes.Received e) {
    Event<?, Object> event = e.descriptor(contract, Event.class);
    Object payload = e.value(event.payload(), "payload");
    Peers peers = sockets.peers();
    Collection<Connection<?>> picked = switch (e.recipientsKind()) {
      case "everyone" -> peers.connections();
      case "room" -> {
        LocalRoom room = peers.roomIfAny(e.recipientsName());
        yield room == null ? List.of() : room.members();
      }
      case "role" -> {
        String type = e.recipientsName();
        yield peers.connections().stream().filter(c -> isA(c.role().type(), type)).toList();
      }
      case "principal" -> {
        JsonNode principal = e.recipients();
        yield peers.connections().stream().filter(c -> c.identity().principal() != null
            && codec.toTree(c.identity().principal()).equals(principal)).toList();
      }
      default -> throw new IllegalArgumentException("unknown recipients " + e.recipientsKind());
    };
    peers.emit(event, picked, payload, true, false);
  }

  /** Whether {@code type} is the interface named {@code name} or extends it. */
  private static boolean isA(Class<?> type, String name) {
    if (type.getName().equals(name)) {
      return true;
    }
    for (Class<?> i : type.getInterfaces()) {
      if (isA(i, name)) {
        return true;
      }
    }
    return false;
  }

  @SuppressWarnings("unchecked")
  private void peer(Envelopes.Received e) {
    PeerMessage<Object> message = e.descriptor(contract, PeerMessage.class);
    PeerHandler<Object> handler = (PeerHandler<Object>) handlers.get(message.name());
    if (handler == null) {
      throw new IllegalArgumentException(message + " has no handler on this node");
    }
    Object payload = e.value(message.payload(), "payload");
    String from = e.node();
    Thread.ofVirtual().name("parley-peer-" + message.name()).start(() -> {
      try {
        handler.handle(payload, from);
      } catch (Exception ex) {
        Failures.LOG.error("the handler of {} failed", message, ex);
      }
    });
  }

  @Override
  public String toString() {
    return "Node[" + id + (broker == null ? ", alone" : ", " + broker) + "]";
  }

  /** Writes the fields of one envelope after its node and name. */
  interface Body {
    void write(JsonGenerator g);
  }
}
