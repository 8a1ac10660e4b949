package dev.parley.client.internal;

import dev.parley.Contract;
import dev.parley.Descriptor;
import dev.parley.ErrorCode;
import dev.parley.Issue;
import dev.parley.Mutation;
import dev.parley.ParleyException;
import dev.parley.Procedure;
import dev.parley.Query;
import dev.parley.Subscription;
import dev.parley.SubscriptionListener;
import dev.parley.Unary;
import dev.parley.client.ClientSubscription;
import dev.parley.client.ConnectionState;
import dev.parley.client.MutationResult;
import dev.parley.client.ParleyClientException;
import dev.parley.internal.json.JsonCodec;
import dev.parley.internal.wire.CanonicalJson;
import dev.parley.internal.wire.StaticDumpFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The link with no server: queries are answered from a static dump read once, when the link is
 * made. An input is validated by its schema, then looked up by its canonical JSON; one the dump
 * lacks gets the query's fallback, or {@code NOT_FOUND}. Each answer is decoded afresh with the
 * output schema, so that callers never share an object. Mutations and subscriptions are refused
 * {@code METHOD_NOT_SUPPORTED}. Thread-safe.
 */
public final class DumpLink implements Link {
  private final Path dir;
  private final Contract contract;
  private final JsonCodec codec = JsonCodec.standard();
  private final Map<String, StaticDumpFiles.Procedure> dumped;
  private final ConnectionStates states = new ConnectionStates(ConnectionState.OPEN);
  private volatile boolean closed;

  /**
   * A link answering from the dump in {@code dir} for the queries of {@code contract}.
   *
   * @throws IllegalArgumentException naming the file and the fault when the dump is malformed
   *     (missing, truncated, another format version), names a procedure that is not a query of
   *     {@code contract}, or holds an output that does not fit its query's output schema
   */
  public DumpLink(Path dir, Contract contract) {
    this.dir = Objects.requireNonNull(dir, "dir");
    this.contract = Objects.requireNonNull(contract, "contract");
    this.dumped = StaticDumpFiles.read(dir).procedures();
    dumped.values().forEach(this::check);
  }

  private void check(StaticDumpFiles.Procedure p) {
    Descriptor<?> d = contract.find(p.name()).orElse(null);
    if (!(d instanceof Query<?, ?, ?> query)) {
      throw new IllegalArgumentException(dir + ": the dump answers \"" + p.name()
          + "\", which is not a query of " + contract);
    }
    p.entries().forEach((input, output) -> decodeOrRefuse(query, output, "input " + input));
    if (p.fallback() != null) {
      decodeOrRefuse(query, p.fallback(), "its fallback");
    }
  }

  private void decodeOrRefuse(Query<?, ?, ?> query, JsonNode output, String which) {
    try {
      codec.decode(query.output(), output, "output");
    } catch (ParleyException e) {
      throw new IllegalArgumentException(dir + ": the output of " + query.name() + " for "
          + which + " does not fit its schema: " + e.getMessage(), e);
    }
  }

  @Override
  public <I, O> O call(Unary<?, I, O> procedure, @Nullable I input, Duration timeout) {
    if (closed) {
      throw Failures.closed(procedure.name());
    }
    Query<?, I, O> query = query(procedure);
    List<Issue> issues = query.input().validate(input);
    if (!issues.isEmpty()) {
      throw Failures.of(ParleyException.invalid("input", issues));
    }
    StaticDumpFiles.Procedure p = dumped.get(query.name());
    String key = CanonicalJson.of(codec, query.input().type(), input);
    JsonNode output = p == null ? null : p.entries().get(key);
    if (output == null && p != null) {
      output = p.fallback();
    }
    if (output == null) {
      throw new ParleyClientException(ErrorCode.NOT_FOUND, query.name() + ": the static dump has"
          + (p == null ? " no answers of this query" : " no answer for the input " + key), 0, null);
    }
    return codec.decode(query.output(), output, "output");
  }

  @SuppressWarnings("unchecked")
  private <I, O> Query<?, I, O> query(Unary<?, I, O> procedure) {
    Descriptor<?> d = contract.find(procedure.name()).orElse(null);
    if (d == null || (d != procedure && !d.equals(procedure))) {
      throw new IllegalArgumentException(
          procedure + " is not in this client's contract (or differs from the contract's)");
    }
    if (procedure instanceof Mutation<?, ?, ?>) {
      throw refused(procedure, "mutations");
    }
    return (Query<?, I, O>) procedure;
  }

  private static ParleyClientException refused(Procedure<?, ?, ?> procedure, String what) {
    return new ParleyClientException(ErrorCode.METHOD_NOT_SUPPORTED, procedure.name()
        + ": the client answers from a static dump: " + what + " are not available", 0, null);
  }

  @Override
  public <I, O> CompletableFuture<O> callAsync(
      Unary<?, I, O> procedure, @Nullable I input, Duration timeout) {
    try {
      return CompletableFuture.completedFuture(call(procedure, input, timeout));
    } catch (ParleyClientException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public <I, O> MutationResult<O> mutate(
      Mutation<?, I, O> mutation, @Nullable I input, Duration timeout) {
    query(mutation); // not in the contract: IllegalArgumentException; else refused
    throw refused(mutation, "mutations");
  }

  @Override
  public <I, O> CompletableFuture<MutationResult<O>> mutateAsync(
      Mutation<?, I, O> mutation, @Nullable I input, Duration timeout) {
    try {
      return CompletableFuture.completedFuture(mutate(mutation, input, timeout));
    } catch (ParleyClientException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** A query's dumped output, with no resources (a dump records none); a mutation is refused. */
  @Override
  public <I, O> CompletableFuture<MutationResult<O>> fetch(
      Unary<?, I, O> procedure, @Nullable I input, Duration timeout) {
    try {
      if (procedure instanceof Mutation<?, I, O> mutation) {
        return CompletableFuture.completedFuture(mutate(mutation, input, timeout));
      }
      return CompletableFuture.completedFuture(
          new MutationResult<>(call(procedure, input, timeout), Set.of()));
    } catch (ParleyClientException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  @Override
  public <I, O> ClientSubscription subscribe(
      Subscription<?, I, O> subscription, @Nullable I input, SubscriptionListener<O> listener) {
    return LinkSubscription.failed(subscription.name(), listener,
        closed ? Failures.closed(subscription.name()) : refused(subscription, "subscriptions"));
  }

  @Override
  public ConnectionStates states() {
    return states;
  }

  @Override
  public void close() {
    closed = true;
    states.set(ConnectionState.CLOSED, null);
  }

  @Override
  public String toString() {
    return "DumpLink[" + dir + "]";
  }
}
