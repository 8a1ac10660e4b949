package dev.parley.server.internal;

import dev.parley.Descriptor;
import dev.parley.server.Call;
import dev.parley.server.ContextFactory;
import dev.parley.server.Identity;
import dev.parley.server.ParleyRequest;
import dev.parley.server.Transport;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Who makes calls and where from: an identity, the transport, the HTTP request if any, and the
 * context the factory makes for them, made once on first use and shared by the calls of one
 * request (a batch's calls, from several threads). A factory's failure fails every call that needs
 * the context.
 */
public final class Caller {
  private final Identity<?> identity;
  private final Transport transport;
  private final @Nullable ParleyRequest request;
  private final ContextFactory<Object, ?> factory;
  private @Nullable Object context;
  private @Nullable RuntimeException failure;

  @SuppressWarnings("unchecked")
  Caller(Identity<?> identity, Transport transport, @Nullable ParleyRequest request,
      ContextFactory<?, ?> factory) {
    this.identity = Objects.requireNonNull(identity, "identity");
    this.transport = transport;
    this.request = request;
    this.factory = (ContextFactory<Object, ?>) factory;
  }

  /** Who calls. */
  public Identity<?> identity() {
    return identity;
  }

  /** How the calls arrive. */
  public Transport transport() {
    return transport;
  }

  /** The HTTP request, null for in-process calls. */
  public @Nullable ParleyRequest request() {
    return request;
  }

  /**
   * A call of {@code descriptor} by this caller; see {@link Call}.
   *
   * @param channelMessage whether it is a message on a channel connection
   */
  public Call call(Descriptor<?> descriptor, @Nullable Object params, @Nullable Object input,
      boolean channelMessage) {
    return new Call(descriptor, params, input, channelMessage, identity, transport, request);
  }

  /** The context, made on first use; throws the factory's failure, in Parley's form. */
  @SuppressWarnings("unchecked")
  synchronized Object context() {
    if (context == null && failure == null) {
      try {
        context = Objects.requireNonNull(
            factory.create(Optional.ofNullable(request), (Identity<Object>) identity),
            "the context factory returned null");
      } catch (Exception e) {
        failure = Failures.of(e, "context factory");
      }
    }
    if (failure != null) {
      throw failure;
    }
    return Objects.requireNonNull(context);
  }
}
