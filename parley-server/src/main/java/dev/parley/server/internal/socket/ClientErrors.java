package dev.parley.server.internal.socket;

import dev.parley.ClientProcedure;
import dev.parley.ErrorCode;
import dev.parley.ParleyException;
import tools.jackson.databind.JsonNode;

/**
 * The error a client answered a client-procedure call with, as the server's caller gets it: its
 * code when it is one of Parley's (else {@code INTERNAL_SERVER_ERROR}) and its message, which
 * the client only sends from a {@code ParleyException} its implementation threw.
 */
final class ClientErrors {
  private static final int MAX_MESSAGE_CHARS = 1000;

  private ClientErrors() {}

  static ParleyException read(ClientProcedure<?, ?, ?> procedure, JsonNode error) {
    JsonNode code = error.get("code");
    JsonNode message = error.get("message");
    ErrorCode c = ErrorCode.INTERNAL_SERVER_ERROR;
    if (code != null && code.isString()) {
      try {
        c = ErrorCode.valueOf(code.stringValue());
      } catch (IllegalArgumentException unknown) {
        c = ErrorCode.INTERNAL_SERVER_ERROR;
      }
    }
    String text = message != null && message.isString() ? message.stringValue()
        : "The client's implementation of " + procedure.name() + " failed";
    if (text.length() > MAX_MESSAGE_CHARS) {
      text = text.substring(0, MAX_MESSAGE_CHARS) + "…";
    }
    return new ParleyException(c, text);
  }
}
