/**
 * Internals of the Jetty transport. Not for users: these types may change at any time.
 */
@org.jspecify.annotations.NullMarked
package dev.parley.jetty.internal;
