package dev.parley.client.internal;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A successful answer of one call: the decoded output and the resources the server reported
 * (a mutation's; a query's when it declared some).
 */
record Output(@Nullable Object value, Set<String> resources) {}
