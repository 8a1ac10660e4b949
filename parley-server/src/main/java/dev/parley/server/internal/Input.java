package dev.parley.server.internal;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** A call's input as its transport hands it over, not yet decoded nor validated. */
public sealed interface Input {

  /** No input was sent. */
  Input NONE = new None();

  /** No input was sent. */
  record None() implements Input {}

  /** JSON text (UTF-8): a body, or a query's decoded {@code input} parameter. */
  record Json(byte[] utf8) implements Input {}

  /** A JSON value already parsed: one entry of a batch's input object. */
  record Tree(JsonNode node) implements Input {}

  /** A Java value from an in-process caller, to be validated but not decoded. */
  record Value(@Nullable Object value) implements Input {}
}
