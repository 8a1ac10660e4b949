package dev.parley.benchmarks;

/**
 * The add procedures' output.
 *
 * @param sum {@code a + b}
 */
public record Sum(int sum) {}
