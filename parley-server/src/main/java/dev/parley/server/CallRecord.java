package dev.parley.server;

import dev.parley.ParleyException;
import dev.parley.Descriptor;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One answered call, as a {@link CallListener} sees it: of a procedure, or of a realtime handler (a
 * channel's connect or message, a topic's subscribe, a client event; see {@link Call}). Immutable.
 */
public final class CallRecord {
  private final String name;
  private final @Nullable Descriptor<?> descriptor;
  private final Identity<?> identity;
  private final Transport transport;
  private final @Nullable ParleyRequest request;
  private final Duration duration;
  private final @Nullable ParleyException error;
  private final Set<String> resources;

  /**
   * A record of one call; the server makes these, tests may too.
   *
   * @param name the name the caller used, also when nothing of the contract has it
   * @param descriptor the contract entry called, {@code null} when the name was not routed
   * @param identity who called; {@link Identity#anonymous()} when authentication failed
   * @param transport how the call arrived
   * @param request the HTTP request, {@code null} for an in-process call
   * @param duration from the moment the server took the call to its answer
   * @param error the failure, {@code null} for a success
   * @param resources the resources a successful call declared
   */
  public CallRecord(String name, @Nullable Descriptor<?> descriptor, Identity<?> identity,
      Transport transport, @Nullable ParleyRequest request, Duration duration,
      @Nullable ParleyException error, Set<String> resources) {
    this.name = Objects.requireNonNull(name, "name");
    this.descriptor = descriptor;
    this.identity = Objects.requireNonNull(identity, "identity");
    this.transport = Objects.requireNonNull(transport, "transport");
    this.request = request;
    this.duration = Objects.requireNonNull(duration, "duration");
    this.error = error;
    this.resources = Set.copyOf(resources);
  }

  /** The name the caller used, also when nothing of the contract has it. */
  public String name() {
    return name;
  }

  /**
   * The contract entry called (a procedure, a channel, a topic or a client event; its {@link
   * Descriptor#kind() kind} tells which); empty when the name was not routed (unknown, or another
   * role's).
   */
  public Optional<Descriptor<?>> descriptor() {
    return Optional.ofNullable(descriptor);
  }

  /** Who called; {@link Identity#anonymous()} when authentication failed. */
  public Identity<?> identity() {
    return identity;
  }

  /** How the call arrived. */
  public Transport transport() {
    return transport;
  }

  /** The HTTP request; empty for an in-process call. */
  public Optional<ParleyRequest> request() {
    return Optional.ofNullable(request);
  }

  /** From the moment the server took the call to its answer. */
  public Duration duration() {
    return duration;
  }

  /** The failure; empty for a success. */
  public Optional<ParleyException> error() {
    return Optional.ofNullable(error);
  }

  /** Whether the call succeeded. */
  public boolean succeeded() {
    return error == null;
  }

  /** The resources a successful call declared; empty otherwise. */
  public Set<String> resources() {
    return resources;
  }

  @Override
  public String toString() {
    return "CallRecord[" + name + ", " + transport + ", "
        + (error == null ? "OK" : error.code().name()) + ", " + duration.toNanos() / 1000 + " µs]";
  }
}
