/**
 * Test helpers: {@link dev.parley.testing.ParleyTest#http} serves a server on a free port with a
 * client bound to it, {@link dev.parley.testing.ParleyTest#inProcess} gives a client that calls a
 * server in process.
 */
@org.jspecify.annotations.NullMarked
package dev.parley.testing;
