package dev.parley.client.internal;

import dev.parley.Mutation;
import dev.parley.Procedure;

/**
 * One procedure of the contract as the HTTP link reaches it, computed once per client: its URL
 * ({@code {base}/{name}}) and method.
 *
 * @param procedure the contract's descriptor
 * @param url {@code {base}/{name}}, the URL of a single call without its query string
 * @param mutation whether it is a mutation ({@code POST}); otherwise a query ({@code GET})
 */
record Endpoint(Procedure<?, ?, ?> procedure, String url, boolean mutation) {

  static Endpoint of(String base, Procedure<?, ?, ?> procedure) {
    // Descriptor names are letters, digits, '_' and '.', all safe in a URL path as they are.
    return new Endpoint(procedure, base + "/" + procedure.name(), procedure instanceof Mutation);
  }

  String name() {
    return procedure.name();
  }
}
