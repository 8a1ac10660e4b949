package dev.parley.server;

import dev.parley.State;
import dev.parley.server.internal.socket.Topics;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The server's handle on one {@link State}: its current value, and the way to change it. Every
 * change is checked against the state's schema, numbered (its version, 1, 2 …), and sent to every
 * observer, in order; an observer that comes later gets the current value first. Returned by
 * {@link ParleyServer#state}; thread-safe: changes are applied one at a time.
 *
 * <p>On a server that shares a {@link Broker} with other nodes, each change is set on every node
 * too, so that their observers see it: the value is whoever set it last. Versions are counted per
 * node, and changes made on two nodes at the same moment may reach the nodes in different orders:
 * change a state from one node at a time. A client's {@code parley.set} crosses nodes as the
 * server's own changes do.
 *
 * <pre>{@code
 * SharedState<Counter> counter = server.state(AppApi.COUNTER);
 * counter.set(new Counter(0));
 * counter.update(c -> new Counter(c.value() + 1));
 * }</pre>
 *
 * @param <T> the value's type
 */
public final class SharedState<T> {
  private final Topics topics;
  private final State<?, T> state;

  SharedState(Topics topics, State<?, T> state) {
    this.topics = topics;
    this.state = state;
  }

  /** The current value; empty until one was set. */
  @SuppressWarnings("unchecked")
  public Optional<T> get() {
    return Optional.ofNullable((T) topics.stateValue(state));
  }

  /**
   * Sets the value and sends it to every observer.
   *
   * @return its version
   * @throws IllegalArgumentException when it does not fit the state's schema (nothing changes)
   */
  public long set(T value) {
    return topics.updateState(state, old -> value);
  }

  /**
   * Sets the value to {@code change} applied to the current one (null until one was set), as one
   * step: no other change comes between the read and the write.
   *
   * @return the new value
   * @throws IllegalArgumentException when it does not fit the state's schema (nothing changes)
   */
  @SuppressWarnings("unchecked")
  public T update(UnaryOperator<T> change) {
    Objects.requireNonNull(change, "change");
    Object[] made = new Object[1];
    topics.updateState(state, old -> {
      made[0] = change.apply((T) old);
      return made[0];
    });
    return (T) made[0];
  }
}
