package dev.parley.examples.presence;

import jakarta.validation.constraints.PositiveOrZero;

/**
 * How many clients are online now: the payload of {@link PresenceApi#PRESENCE}.
 *
 * @param online the open connections in the presence room
 */
public record Presence(@PositiveOrZero int online) {}
