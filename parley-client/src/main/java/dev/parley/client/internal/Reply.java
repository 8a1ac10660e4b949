package dev.parley.client.internal;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A successful answer of one call: the decoded output and, for a mutation, the resources the
 * server reported (empty for a query).
 */
record Reply(@Nullable Object value, Set<String> resources) {}
