package dev.parley.server.internal.socket;

import dev.parley.ClientProcedure;
import dev.parley.ErrorCode;
import dev.parley.Issue;
import dev.parley.ParleyException;
import dev.parley.Schema;
import dev.parley.internal.wire.ParleyMessages;
import dev.parley.server.internal.Heartbeats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One connection's calls of client procedures waiting for their answer, by call number: at most
 * {@code socketMaxClientCalls} at once; each freed by its answer, its deadline or the connection's
 * end, whichever comes first. Thread-safe.
 */
final class ClientCalls {
  private final Peer peer;
  private final Peers peers;
  private final Map<Long, Pending<?>> pending = new HashMap<>();
  private long last;
  private boolean ended;

  ClientCalls(Peer peer, Peers peers) {
    this.peer = peer;
    this.peers = peers;
  }

  /** Calls {@code procedure} on the connection; see {@code ParleyServer.call}. */
  <I, O> CompletableFuture<O> call(ClientProcedure<?, I, O> procedure, @Nullable I input,
      Duration timeout) {
    @SuppressWarnings("unchecked")
    List<Issue> issues = ((Schema<Object>) procedure.input()).validate(input);
    if (!issues.isEmpty()) {
      throw new IllegalArgumentException("input of " + procedure + " is invalid: " + issues);
    }
    if (!peer.role().sees(procedure) || !peers.contract().contains(procedure)
        || !peer.implementsProcedure(procedure)) {
      return CompletableFuture.failedFuture(new ParleyException(ErrorCode.NOT_FOUND,
          "The client of " + peer.id() + " did not register " + procedure.name()));
    }
    byte[] json = input == null ? null : peers.codec().encode(procedure.input().type(), input);
    Pending<O> p = new Pending<>(procedure);
    long id;
    int max = peers.options().socketMaxClientCalls();
    synchronized (this) {
      if (ended) {
        return CompletableFuture.failedFuture(closed(procedure));
      }
      if (pending.size() >= max) {
        return CompletableFuture.failedFuture(new ParleyException(ErrorCode.TOO_MANY_REQUESTS,
            "More than " + max + " client-procedure calls wait on connection " + peer.id()));
      }
      id = ++last;
      pending.put(id, p);
    }
    if (!peer.offer(ParleyMessages.call(id, procedure.name(), json))) {
      take(id);
      return CompletableFuture.failedFuture(new ParleyException(ErrorCode.SERVICE_UNAVAILABLE,
          "Connection " + peer.id() + " is gone or its outbound queue is full"));
    }
    if (!timeout.isZero()) {
      p.timer = peers.heartbeats().after(timeout, () -> {
        Pending<?> expired = take(id);
        if (expired != null) {
          expired.future.completeExceptionally(new ParleyException(ErrorCode.TIMEOUT,
              procedure.name() + " was not answered within " + timeout.toMillis() + " ms"));
        }
      });
    }
    return p.future;
  }

  /** A {@code parley.answer} came: completes its call; a refusal when no call waits for it. */
  @Nullable ParleyException answered(JsonNode message) {
    long id;
    JsonNode params;
    try {
      params = ParleyMessages.params(message);
      id = ParleyMessages.callId(params);
    } catch (IllegalArgumentException e) {
      return new ParleyException(ErrorCode.BAD_REQUEST, e.getMessage());
    }
    Pending<?> p = take(id);
    if (p == null) {
      return new ParleyException(ErrorCode.BAD_REQUEST, "No call " + id
          + " waits for an answer on this connection (never made, answered, or timed out)");
    }
    return p.settle(params, peers);
  }

  /** How many calls wait now. */
  synchronized int size() {
    return pending.size();
  }

  /** The connection ended: every waiting call fails. */
  void end() {
    List<Pending<?>> failed;
    synchronized (this) {
      ended = true;
      failed = new ArrayList<>(pending.values());
      pending.clear();
    }
    for (Pending<?> p : failed) {
      p.cancelTimer();
      p.future.completeExceptionally(closed(p.procedure));
    }
  }

  private synchronized @Nullable Pending<?> take(long id) {
    Pending<?> p = pending.remove(id);
    if (p != null) {
      p.cancelTimer();
    }
    return p;
  }

  private static ParleyException closed(ClientProcedure<?, ?, ?> procedure) {
    return new ParleyException(ErrorCode.CLIENT_CLOSED_REQUEST,
        "The connection closed before " + procedure.name() + " was answered");
  }

  /** One call waiting for its answer. */
  private static final class Pending<O> {
    final ClientProcedure<?, ?, O> procedure;
    final CompletableFuture<O> future = new CompletableFuture<>();
    volatile Heartbeats.@Nullable Beat timer;

    Pending(ClientProcedure<?, ?, O> procedure) {
      this.procedure = procedure;
    }

    void cancelTimer() {
      Heartbeats.Beat t = timer;
      if (t != null) {
        t.cancel();
      }
    }

    /** Completes with the answer in {@code params}; a refusal for the client when it is invalid. */
    @Nullable ParleyException settle(JsonNode params, Peers peers) {
      JsonNode error = params.get("error");
      if (error != null && !error.isNull()) {
        future.completeExceptionally(ClientErrors.read(procedure, error));
        return null;
      }
      try {
        Schema<O> schema = procedure.output();
        JsonNode output = params.get("output");
        O value = output == null || output.isNull() ? validNull(schema)
            : peers.codec().decode(schema, output, "output");
        future.complete(value);
        return null;
      } catch (ParleyException invalid) {
        future.completeExceptionally(invalid);
        return invalid;
      }
    }

    private static <O> @Nullable O validNull(Schema<O> schema) {
      List<Issue> issues = schema.validate(null);
      if (!issues.isEmpty()) {
        throw ParleyException.invalid("output", issues);
      }
      return null;
    }
  }
}
