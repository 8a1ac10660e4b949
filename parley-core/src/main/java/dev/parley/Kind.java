package dev.parley;

/**
 * The kinds of descriptor a contract can hold, each with the direction its messages travel.
 *
 * <p>The set is closed. Queries, mutations and subscriptions are served over HTTP and WebSocket;
 * topics, channels and shared state over a WebSocket; the other kinds are part of the contract
 * model so that contracts, roles and tooling treat every kind the same way, and each is served
 * when its transport lands.
 */
public enum Kind {
  /** A read: the same input may be asked again and answered from a cache; sent by GET. */
  QUERY(Direction.CLIENT_TO_SERVER),
  /** A write: changes server state, answered once, never retried blindly; sent by POST. */
  MUTATION(Direction.CLIENT_TO_SERVER),
  /** A stream of outputs for one input, cancellable and resumable by the last event id. */
  SUBSCRIPTION(Direction.CLIENT_TO_SERVER),
  /** A one-way message from a client; no answer. */
  CLIENT_EVENT(Direction.CLIENT_TO_SERVER),
  /** A one-way message pushed by the server to recipients it picks. */
  SERVER_EVENT(Direction.SERVER_TO_CLIENT),
  /** Messages a client subscribes to with parameters and the server publishes. */
  TOPIC(Direction.SERVER_TO_CLIENT),
  /** A procedure the client registers and the server calls. */
  CLIENT_PROCEDURE(Direction.SERVER_TO_CLIENT),
  /**
   * A value the server owns and clients observe (each gets the current one first, then every
   * change); clients may set it too where the contract allows.
   */
  SHARED_STATE(Direction.SERVER_TO_CLIENT),
  /** A connection opened with a request and parameters that carries typed messages both ways. */
  CHANNEL(Direction.BIDIRECTIONAL),
  /** A message from one server node to others. */
  PEER_MESSAGE(Direction.SERVER_TO_SERVER);

  private final Direction direction;

  Kind(Direction direction) {
    this.direction = direction;
  }

  /** Which way the messages of this kind travel. */
  public Direction direction() {
    return direction;
  }

  /** The directions a descriptor's messages may travel in. */
  public enum Direction {
    /** Sent by a client, handled by the server. */
    CLIENT_TO_SERVER,
    /** Sent by the server, handled by clients. */
    SERVER_TO_CLIENT,
    /** Both ways over one connection. */
    BIDIRECTIONAL,
    /** Between server nodes, never seen by clients. */
    SERVER_TO_SERVER
  }
}
