/**
 * Parley's contract API: descriptors, contracts, roles, schemas and errors. Its internal packages
 * (the JSON codec and the tRPC wire vocabulary) are exported only to Parley's own modules.
 *
 * <p>Parley derives schemas from user records and reads and writes them with Jackson: a modular
 * application opens the packages of its contract's records to {@code dev.parley.core}, {@code
 * tools.jackson.databind} and {@code org.hibernate.validator}.
 */
module dev.parley.core {
  requires transitive jakarta.validation;
  requires transitive org.jspecify;
  requires tools.jackson.databind;
  requires org.hibernate.validator;
  requires java.logging;

  exports dev.parley;
  exports dev.parley.internal.json to dev.parley.server, dev.parley.client;
  exports dev.parley.internal.wire to dev.parley.server, dev.parley.client;
}
