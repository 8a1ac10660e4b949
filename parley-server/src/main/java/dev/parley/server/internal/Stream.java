package dev.parley.server.internal;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * What a transport gives a subscription's {@link Invocation}: where its values go, and the last
 * event id it read from its own places (a header, a query parameter, a WebSocket message).
 *
 * @param outbound where the subscription's start and values go
 * @param lastEventId the last event id the transport was given, or null
 */
public record Stream(Outbound outbound, @Nullable String lastEventId) {

  /** Checks the outbound. */
  public Stream {
    Objects.requireNonNull(outbound, "outbound");
  }
}
