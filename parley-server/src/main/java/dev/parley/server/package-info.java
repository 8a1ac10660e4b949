/**
 * Parley's server runtime: implement a {@link dev.parley.Contract contract}'s procedures with
 * {@link dev.parley.server.Handler handlers}, wrap them with {@link dev.parley.server.Middleware
 * middleware}, and serve them through {@link dev.parley.server.ParleyServer#handle
 * ParleyServer.handle}, which speaks tRPC v11's HTTP wire and fits any transport, or call them in
 * process through {@link dev.parley.server.ParleyServer#invoker(Identity) ParleyServer.invoker}.
 * Every call goes through one pipeline, whatever its transport.
 */
@NullMarked
package dev.parley.server;

import org.jspecify.annotations.NullMarked;
