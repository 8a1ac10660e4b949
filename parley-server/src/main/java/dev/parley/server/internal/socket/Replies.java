package dev.parley.server.internal.socket;

import dev.parley.ParleyException;
import dev.parley.internal.json.JsonCodec;
import dev.parley.internal.wire.Envelopes;
import dev.parley.internal.wire.SocketMessages;
import dev.parley.internal.wire.WireError;
import dev.parley.server.Result;
import dev.parley.server.internal.Answer;
import dev.parley.server.internal.Failures;
import dev.parley.server.internal.Route;
import org.jspecify.annotations.Nullable;

/**
 * Writes the server's WebSocket messages ({@link SocketMessages}) from the pipeline's answers and
 * a subscription's values, with the server's codec. Immutable and thread-safe.
 */
final class Replies {
  private final JsonCodec codec;
  private final Envelopes envelopes;
  private final SocketMessages messages;

  Replies(JsonCodec codec) {
    this.codec = codec;
    this.envelopes = new Envelopes(codec);
    this.messages = new SocketMessages(codec);
  }

  /** A query's or a mutation's result, with its resources (see {@link Route#resourcesOf}). */
  byte[] result(byte[] id, Answer.Success success) {
    Route route = success.route();
    Result result = success.result();
    try {
      byte[] data = route.returnsOutput()
          ? codec.encode(route.procedure().output().type(), result.output()) : null;
      long seq = success.wireSeq();
      return seq >= 0 ? SocketMessages.data(id, data, route.resourcesOf(result), seq)
          : SocketMessages.data(id, data, null, route.resourcesOf(result));
    } catch (ParleyException unwritable) {
      return error(id, Failures.of(unwritable, success.name()), success.name());
    }
  }

  /** An error answer; {@code path} is the procedure's name, null when the message named none. */
  byte[] error(byte[] id, ParleyException e, @Nullable String path) {
    WireError described = Failures.describe(envelopes, e, path);
    return messages.error(id, described);
  }
}
