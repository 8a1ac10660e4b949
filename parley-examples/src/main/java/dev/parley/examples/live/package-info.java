/**
 * The demo's subscriptions beside the chat's: {@code ticker} (finite, tracked, resumable), {@code
 * slow} (endless) and the query {@code slow.active} that counts the live {@code slow} ones.
 */
@NullMarked
package dev.parley.examples.live;

import org.jspecify.annotations.NullMarked;
