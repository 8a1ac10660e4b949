/**
 * Test helpers: {@link dev.parley.testing.ParleyTest#http} serves a server on a free port with a
 * client bound to it, {@link dev.parley.testing.ParleyTest#inProcess} gives a client that calls a
 * server in process, and {@link dev.parley.testing.ParleyTest#subscribe} a subscription whose
 * values a test waits for ({@link dev.parley.testing.Subscribed}).
 */
@org.jspecify.annotations.NullMarked
package dev.parley.testing;
