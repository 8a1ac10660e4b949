/**
 * Parley's contract API: descriptors ({@link dev.parley.Query}, {@link dev.parley.Mutation}), the
 * {@link dev.parley.Contract} that lists them, {@link dev.parley.Schema schemas} that validate their
 * inputs and outputs, and the closed set of {@link dev.parley.ErrorCode error codes}.
 *
 * <p>Everything here is immutable and safe to share between threads. Nothing here does I/O: the
 * server, transports and clients live in their own modules and all build on these values.
 */
@NullMarked
package dev.parley;

import org.jspecify.annotations.NullMarked;
