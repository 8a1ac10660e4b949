package dev.parley.server;

import dev.parley.ParleyException;
import dev.parley.Procedure;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One answered call, as a {@link CallListener} sees it. Immutable.
 *
 * @param name the name the caller used, also when no procedure has it
 * @param procedure the procedure called, {@code null} when the name was not routed (unknown, or
 *     outside the caller's role)
 * @param identity who called; {@link Identity#anonymous()} when authentication failed
 * @param transport how the call arrived
 * @param request the HTTP request, {@code null} for an in-process call
 * @param duration from the moment the server took the call to its answer
 * @param error the failure, {@code null} for a success
 * @param resources the resources a successful call declared; empty otherwise
 */
public record CallRecord(String name, @Nullable Procedure<?, ?, ?> procedure,
    Identity<?> identity, Transport transport, @Nullable ParleyRequest request,
    Duration duration, @Nullable ParleyException error, Set<String> resources) {

  /** Checks the parts and copies the resources. */
  public CallRecord {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(identity, "identity");
    Objects.requireNonNull(transport, "transport");
    Objects.requireNonNull(duration, "duration");
    resources = Set.copyOf(resources);
  }

  /** Whether the call succeeded. */
  public boolean succeeded() {
    return error == null;
  }

  /** The failure, empty for a success. */
  public Optional<ParleyException> failure() {
    return Optional.ofNullable(error);
  }
}
