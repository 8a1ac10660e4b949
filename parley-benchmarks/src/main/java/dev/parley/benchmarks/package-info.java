/**
 * Parley's benchmarks: the servers that {@code parley-benchmarks/run.sh} puts under load (Parley's
 * echo server, a bare Jetty handler returning the same bytes, and the WebSocket fan-out server
 * of {@code run.sh ws}) and JMH benchmarks of the in-process call. Nothing here runs during the
 * normal build; see the module's README.
 */
@NullMarked
package dev.parley.benchmarks;

import org.jspecify.annotations.NullMarked;
