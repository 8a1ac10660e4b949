/**
 * Internal to Parley: the tRPC v11 wire vocabulary, written once and shared by the server and the
 * Java client (result and error envelopes, batches, streamed batches, the request's query string,
 * percent-encoding, the deadline header). Exported only to Parley's own modules; not for users.
 */
@NullMarked
package dev.parley.internal.wire;

import org.jspecify.annotations.NullMarked;
