/**
 * Examples of Parley's API. {@link dev.parley.examples.ReadmeExample} is the README's example,
 * compiled and tested so that it cannot rot; the live demo is in {@link
 * dev.parley.examples.todos}, and the examples of the guide ({@code docs/guide}) in {@link
 * dev.parley.examples.guide}.
 */
@NullMarked
package dev.parley.examples;

import org.jspecify.annotations.NullMarked;
