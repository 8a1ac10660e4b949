/**
 * The WebSocket load generator of {@code run.sh ws}: {@link dev.parley.benchmarks.load.FanoutLoad}
 * holds thousands of WebSocket connections on a few NIO selector threads, speaking tRPC's {@code
 * wsLink} messages, so that Parley's server and tRPC's are put under the same load by the same
 * client.
 */
@NullMarked
package dev.parley.benchmarks.load;

import org.jspecify.annotations.NullMarked;
