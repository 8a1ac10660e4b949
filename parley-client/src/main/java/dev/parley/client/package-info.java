/**
 * Parley's Java client: {@link dev.parley.client.ParleyClient} calls the queries and mutations of
 * a contract over HTTP (tRPC v11's wire, with automatic batching and de-duplication) or in the same
 * JVM through an {@link dev.parley.Invoker}; {@link dev.parley.client.ClientOptions} holds its
 * limits; every failure is a {@link dev.parley.client.ParleyClientException}.
 */
@NullMarked
package dev.parley.client;

import org.jspecify.annotations.NullMarked;
