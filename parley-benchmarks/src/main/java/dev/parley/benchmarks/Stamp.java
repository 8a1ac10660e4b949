package dev.parley.benchmarks;

/**
 * The value of the fan-out benchmark: when the load generator published it, by its own clock.
 *
 * @param t the load generator's {@code System.nanoTime()} at publication
 */
public record Stamp(long t) {}
