package dev.parley.benchmarks;

/**
 * The add procedures' input.
 *
 * @param a the first addend
 * @param b the second addend
 */
public record Operands(int a, int b) {}
