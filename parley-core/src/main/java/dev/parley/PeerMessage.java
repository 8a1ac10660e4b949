package dev.parley;

/**
 * A message from one server node to the others (super-line's {@code serverToServer}): a server
 * tells it, and every other node of the cluster that handles it receives it with the sending
 * node's id. Never seen by clients: it is on no role's surface ({@link Role#sees} is false for
 * it, for every role), no client API takes it, and a client that names it over the wire is
 * answered as for a name that does not exist.
 *
 * <pre>{@code
 * public static final PeerMessage<Evict> EVICT = Parley.peerMessage("cache.evict").payload(Evict.class);
 * server.onPeer(EVICT, (evict, fromNode) -> cache.remove(evict.key()));
 * server.tell(EVICT, new Evict("todo/7"));
 * }</pre>
 *
 * <p>Its role is always {@link Role#SHARED}: a node is no caller of a role.
 *
 * @param <P> the payload type
 */
public final class PeerMessage<P> extends Described<Shared, Void, P> implements Descriptor<Shared> {

  PeerMessage(Shape<Shared, Void, P> shape) {
    super(Kind.PEER_MESSAGE, "PeerMessage", shape);
  }

  /** A copy whose payload has the given type, validated by its derived schema. */
  public <Q> PeerMessage<Q> payload(Class<Q> type) {
    return payload(Schema.of(type));
  }

  /** A copy whose payload the given schema describes. */
  public <Q> PeerMessage<Q> payload(Schema<Q> schema) {
    return new PeerMessage<>(shape.withOutput(schema));
  }

  /** A copy with a human-readable description. */
  public PeerMessage<P> description(String description) {
    return new PeerMessage<>(shape.withDescription(description));
  }

  /** The schema of the payload. */
  public Schema<P> payload() {
    return shape.output();
  }
}
