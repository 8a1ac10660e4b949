package dev.parley.examples.todos;

import java.time.Instant;

/**
 * What {@link TodoApi#BUILD_INFO} answers: a static query's output, the same for every call while
 * the server runs.
 *
 * @param version the demo's version, e.g. {@code 0.1.0-SNAPSHOT}
 * @param startedAt when the server that answers (or the build that dumped it) started
 */
public record BuildInfo(String version, Instant startedAt) {}
