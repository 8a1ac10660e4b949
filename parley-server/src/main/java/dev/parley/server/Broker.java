package dev.parley.server;

import dev.parley.server.internal.InMemoryBroker;
import java.util.function.Consumer;

/**
 * How server nodes reach each other: a node publishes a message (bytes) on a subject, and every
 * node subscribed to that subject receives it. The seam through which a {@link ParleyServer}
 * carries to its other nodes what its own connections get directly: topic messages ({@link
 * ParleyServer#publish}), channel messages ({@link ParleyServer#send}), invalidations, server
 * events ({@link ParleyServer#emit}), shared-state changes and peer messages ({@link
 * ParleyServer#tell}).
 *
 * <pre>{@code
 * Broker broker = Broker.inMemory();       // one JVM; parley-redis brings one across machines
 * var a = ParleyServer.builder(API).broker(broker).build();
 * var b = ParleyServer.builder(API).broker(broker).build();   // a and b behave as two nodes
 * }</pre>
 *
 * <p>A server delivers to its own connections directly (no broker, no serialization) and hands
 * the broker one message per publication for the others; each message carries its origin node's
 * id, and a node ignores its own. A server built without a broker is a node on its own and sends
 * nothing anywhere.
 *
 * <p><b>Delivery.</b> What a broker promises is up to it, and Parley asks little: at most once,
 * in order per subject from one publisher. {@link #inMemory()} delivers synchronously, on the
 * publisher's thread, to every receiver of the subject in the order they subscribed, so in order
 * per publishing thread and never lost while its receivers are subscribed. A networked broker
 * (Redis pub/sub) delivers at most once: a node that is cut off misses what was published
 * meanwhile, and a client of that node hears of it only through what resumes by itself (a topic's
 * replay window, a query refetched after a reconnect).
 *
 * <p>Implementations are thread-safe; receivers may be called from any thread, concurrently for
 * concurrent publishers, and must return quickly. The server that subscribes does not close the
 * broker: it unsubscribes at its shutdown, and the broker is its creator's to close.
 */
public interface Broker extends AutoCloseable {

  /**
   * Publishes {@code message} on {@code subject}: every receiver subscribed to it, on every node
   * (the publishing one included), gets it. Returns without waiting for remote nodes.
   *
   * @param subject a name such as {@code parley.topic}
   * @param message the bytes, not copied: the caller does not change them afterwards
   * @throws IllegalStateException when the broker is closed
   */
  void publish(String subject, byte[] message);

  /**
   * Has {@code receiver} get every message published on {@code subject} from now on, until the
   * returned registration is closed.
   *
   * @throws IllegalStateException when the broker is closed
   */
  Registration subscribe(String subject, Consumer<byte[]> receiver);

  /** Stops delivering: every subscription ends, and later publications are refused. Idempotent. */
  @Override
  void close();

  /**
   * A broker within this JVM: synchronous, in order per publishing thread, losing nothing while
   * its receivers are subscribed. Several servers given the same one behave as several nodes.
   */
  static Broker inMemory() {
    return new InMemoryBroker();
  }

  /** One receiver's subscription: closing it stops its deliveries. */
  interface Registration extends AutoCloseable {
    /** Ends the subscription; idempotent. */
    @Override
    void close();
  }
}
