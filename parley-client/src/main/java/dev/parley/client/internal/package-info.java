/**
 * The client's links (in-process and HTTP), its batching and de-duplication, and the tRPC wire
 * encoding and decoding. Not for users: everything here may change at will.
 */
@NullMarked
package dev.parley.client.internal;

import org.jspecify.annotations.NullMarked;
