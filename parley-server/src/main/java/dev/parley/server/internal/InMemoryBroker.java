package dev.parley.server.internal;

import dev.parley.server.Broker;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * {@link Broker#inMemory()}: receivers by subject, each publication handed to each of them on the
 * publisher's thread, in the order they subscribed. A receiver that throws is logged, and the
 * others still get the message. Thread-safe.
 */
public final class InMemoryBroker implements Broker {
  private final Map<String, List<Consumer<byte[]>>> receivers = new ConcurrentHashMap<>();
  private volatile boolean closed;

  @Override
  public void publish(String subject, byte[] message) {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(message, "message");
    open();
    List<Consumer<byte[]>> to = receivers.get(subject);
    if (to == null) {
      return;
    }
    for (Consumer<byte[]> r : to) {
      try {
        r.accept(message);
      } catch (RuntimeException e) {
        Failures.LOG.error("a broker receiver of {} failed", subject, e);
      }
    }
  }

  @Override
  public Registration subscribe(String subject, Consumer<byte[]> receiver) {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(receiver, "receiver");
    open();
    Consumer<byte[]> own = receiver::accept; // its own identity: the same receiver twice is two
    receivers.compute(subject, (s, list) -> {
      List<Consumer<byte[]>> to = list == null ? new CopyOnWriteArrayList<>() : list;
      to.add(own);
      return to;
    });
    return () -> receivers.computeIfPresent(subject, (s, list) -> {
      list.remove(own);
      return list.isEmpty() ? null : list;
    });
  }

  @Override
  public void close() {
    closed = true;
    receivers.clear();
  }

  private void open() {
    if (closed) {
      throw new IllegalStateException("the broker is closed");
    }
  }

  @Override
  public String toString() {
    return "InMemoryBroker" + receivers.keySet();
  }
}
