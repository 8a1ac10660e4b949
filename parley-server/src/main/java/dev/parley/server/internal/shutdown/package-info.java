/**
 * Internal to Parley: the count of calls in flight that graceful shutdown waits for, shared by the
 * server's pipeline and the embedded transport. Not for users; may change at any time.
 */
@NullMarked
package dev.parley.server.internal.shutdown;

import org.jspecify.annotations.NullMarked;
