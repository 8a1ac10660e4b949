package dev.parley.server;

import dev.parley.Procedure;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link Middleware} sees of the call it wraps: the procedure, its decoded and validated
 * input, who is calling, how the call arrived, and the HTTP request when there is one. Immutable.
 */
public final class Call {
  private final Procedure<?, ?, ?> procedure;
  private final @Nullable Object input;
  private final Identity<?> identity;
  private final Transport transport;
  private final @Nullable ParleyRequest request;

  /**
   * A call of {@code procedure} with {@code input}; the server makes these, tests may too.
   *
   * @param identity who is calling; {@link Identity#anonymous()} when nobody authenticated
   * @param transport how it arrived
   * @param request the HTTP request it came in, {@code null} for an in-process call
   */
  public Call(Procedure<?, ?, ?> procedure, @Nullable Object input, Identity<?> identity,
      Transport transport, @Nullable ParleyRequest request) {
    this.procedure = Objects.requireNonNull(procedure, "procedure");
    this.input = input;
    this.identity = Objects.requireNonNull(identity, "identity");
    this.transport = Objects.requireNonNull(transport, "transport");
    this.request = request;
  }

  /** The procedure being called. */
  public Procedure<?, ?, ?> procedure() {
    return procedure;
  }

  /** The procedure's name, e.g. {@code todos.add}. */
  public String name() {
    return procedure.name();
  }

  /** The validated input; {@code null} for a procedure without input. */
  public @Nullable Object input() {
    return input;
  }

  /**
   * Who is calling, as the server's {@link Authenticator} resolved it, or the identity given to
   * {@link ParleyServer#invoker(Identity)} for an in-process call.
   */
  public Identity<?> identity() {
    return identity;
  }

  /** How the call arrived. */
  public Transport transport() {
    return transport;
  }

  /** The HTTP request this call came in; empty for an in-process call. */
  public Optional<ParleyRequest> request() {
    return Optional.ofNullable(request);
  }

  @Override
  public String toString() {
    return "Call[" + procedure.name() + ", " + transport + "]";
  }
}
