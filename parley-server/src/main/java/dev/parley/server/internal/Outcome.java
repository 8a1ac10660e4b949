package dev.parley.server.internal;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/** A call's successful result: its validated output and, for a mutation, the resources it changed. */
public record Outcome(@Nullable Object output, Set<String> resources) {}
