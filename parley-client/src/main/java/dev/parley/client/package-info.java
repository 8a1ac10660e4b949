/**
 * Parley's Java client: {@link dev.parley.client.ParleyClient} calls the queries and mutations of
 * a contract and subscribes to its subscriptions over HTTP (tRPC v11's wire, with automatic
 * batching and de-duplication, and Server-Sent Events), over one WebSocket (tRPC's {@code wsLink}
 * messages, reconnecting and resuming by itself), or in the same JVM through an {@link
 * dev.parley.Invoker}; a {@link dev.parley.client.ClientSubscription} stops a subscription; {@link
 * dev.parley.client.ConnectionState} tells how the connection is; {@link
 * dev.parley.client.ClientOptions} holds the limits; every failure is a {@link
 * dev.parley.client.ParleyClientException}.
 */
@NullMarked
package dev.parley.client;

import org.jspecify.annotations.NullMarked;
