/**
 * Internal to the Parley server: the call pipeline, routing, the HTTP wire and the timeout watchdog.
 * Not for users; may change at any time.
 */
@NullMarked
package dev.parley.server.internal;

import org.jspecify.annotations.NullMarked;
