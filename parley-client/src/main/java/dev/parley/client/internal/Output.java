package dev.parley.client.internal;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A successful answer of one call: the decoded output and the resources the server reported
 * (a mutation's; empty for a query over HTTP).
 */
record Output(@Nullable Object value, Set<String> resources) {}
