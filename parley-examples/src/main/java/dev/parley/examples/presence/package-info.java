/** The demo's presence room: who is online, pushed as a server event. */
@NullMarked
package dev.parley.examples.presence;

import org.jspecify.annotations.NullMarked;
