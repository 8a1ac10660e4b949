package dev.parley.benchmarks;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The echo procedure's input and output: a short text, validated on every call.
 *
 * @param text the text to echo back, at most 1000 characters
 */
public record Echo(@NotNull @Size(max = 1000) String text) {}
