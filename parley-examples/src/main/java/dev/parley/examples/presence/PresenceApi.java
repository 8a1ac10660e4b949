package dev.parley.examples.presence;

import dev.parley.Event;
import dev.parley.Parley;
import dev.parley.Shared;

/** The demo's presence: one server event, pushed to everyone online when someone comes or goes. */
public final class PresenceApi {
  private PresenceApi() {}

  /** How many are online now, pushed on every join and leave. */
  public static final Event<Shared, Presence> PRESENCE = Parley.event("presence")
      .payload(Presence.class)
      .description("How many clients are online; pushed to each of them when one comes or goes.");
}
