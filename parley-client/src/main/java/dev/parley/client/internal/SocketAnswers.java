package dev.parley.client.internal;

import dev.parley.ErrorCode;
import dev.parley.ParleyException;
import dev.parley.client.MutationResult;
import dev.parley.client.ParleyClientException;
import dev.parley.internal.wire.SocketMessages.Response;
import java.lang.System.Logger.Level;
import tools.jackson.databind.JsonNode;

/**
 * What a {@link SocketLink} does with each message the server sent, read by {@link
 * Response#read}: an answer completes its query or mutation, a subscription's {@code started},
 * values, {@code stopped} and errors go to its listener (or, for an error worth retrying, send it
 * again), {@code reconnect} moves the link to a new connection. A message that names no live
 * request of the connection it came on is logged and dropped.
 */
final class SocketAnswers {
  private SocketAnswers() {}

  static void dispatch(SocketLink link, Socket socket, Response r) {
    if (r instanceof Response.Reconnect) {
      link.reconnectRequested(socket);
      return;
    }
    JsonNode id = r.id();
    if (id == null) {
      if (r instanceof Response.Failure f) {
        ClientLog.LOG.log(Level.WARNING, "{0}: the server refused a message: {1} {2}",
            link.base(), f.error().code(), f.error().message());
        socket.refused(Replies.exception(f.error(), null));
      } else {
        ClientLog.LOG.log(Level.WARNING, "{0}: dropped a message that names no id", link.base());
      }
      return;
    }
    long key = id.isIntegralNumber() && id.canConvertToLong() ? id.longValue() : 0;
    SocketRequest<?> request = key > 0 ? link.state().answered(socket, key) : null;
    if (request != null) {
      answer(link, request, r);
      return;
    }
    SocketSubscription<?> subscription = key > 0 ? link.state().subscription(socket, key) : null;
    if (subscription != null) {
      stream(link, subscription, r);
      return;
    }
    ClientLog.LOG.log(link.issued(key) ? Level.DEBUG : Level.WARNING,
        "{0}: dropped a message for id {1}, which is not live on its connection", link.base(), id);
  }

  private static void answer(SocketLink link, SocketRequest<?> request, Response r) {
    switch (r) {
      case Response.Data d -> {
        Object value;
        try {
          value = link.reader().decode(request.procedure.output(), d.data(), "output");
        } catch (ParleyException e) {
          request.fail(misfit(request.name(), e));
          return;
        }
        request.answer(request.whole
            ? new MutationResult<>(value, Sequenced.of(d.resources(), d.seq())) : value);
      }
      case Response.Failure f -> request.fail(Replies.exception(f.error(), null));
      default -> request.fail(new ParleyClientException(ErrorCode.INTERNAL_SERVER_ERROR,
          request.name() + ": the server's answer is not a result (" + r + ")", 0, null));
    }
  }

  private static <O> void stream(SocketLink link, SocketSubscription<O> s, Response r) {
    switch (r) {
      case Response.Started started -> s.onStarted();
      case Response.Data d -> {
        O value;
        try {
          value = link.reader().decode(s.subscription.output(), d.data(), "output");
        } catch (ParleyException e) {
          link.stopped(s);
          s.onFailed(misfit(s.name(), e));
          return;
        }
        link.state().received(s, d.eventId());
        s.onValue(value, d.eventId());
      }
      case Response.Stopped stopped -> {
        link.state().ended(s);
        s.onCompleted();
      }
      case Response.Failure f -> {
        ParleyClientException error = Replies.exception(f.error(), null);
        if (Backoff.retryable(error.code())) {
          link.state().retry(s, error.retryAfter().orElse(null));
        } else {
          link.state().ended(s);
          s.onFailed(error);
        }
      }
      default -> ClientLog.LOG.log(Level.WARNING, "{0}: dropped a message for \"{1}\" ({2})",
          link.base(), s.name(), r);
    }
  }

  private static ParleyClientException misfit(String name, ParleyException e) {
    return new ParleyClientException(ErrorCode.INTERNAL_SERVER_ERROR, name
        + ": the server's output does not fit the contract: " + e.getMessage(), 0, e.issues(), null,
        e);
  }
}
