package dev.parley;

import org.jspecify.annotations.Nullable;

/**
 * A read-only procedure: it may be called again with the same input, batched, de-duplicated while
 * in flight and cached. On the HTTP wire it is a {@code GET}.
 *
 * <p>Two kinds of query say how their outputs may be cached (Devframe's {@code cacheable} and
 * {@code static}); a mutation or a subscription is neither, so the methods exist only here:
 *
 * <ul>
 *   <li>{@link #cacheable()}: its output for an input may be kept until the data it read changes.
 *       Over HTTP its {@code GET} answer carries an {@code ETag}, and a request whose {@code
 *       If-None-Match} names it is answered {@code 304 Not Modified}.
 *   <li>{@link #asStatic()}: its output for an input never changes while the server runs (build
 *       facts, reference data). The server computes it once per input and serves it from memory;
 *       over HTTP it may be cached for a year ({@code Cache-Control: immutable}); a static dump
 *       records it so that clients can work with no server. A static query is also cacheable.
 * </ul>
 *
 * <p>Built with {@link Parley#query(String)} and refined by copies, each method returning a new
 * immutable descriptor:
 *
 * <pre>{@code
 * public static final Query<Shared, Void, List<Todo>> LIST =
 *     Parley.query("todos.list").output(Schema.listOf(Todo.class));
 * }</pre>
 *
 * @param <R> the role that may call it
 * @param <I> the input type
 * @param <O> the output type
 */
public final class Query<R extends Shared, I, O> extends Described<R, I, O>
    implements Unary<R, I, O> {
  private static final int PLAIN = 0;
  private static final int CACHEABLE = 1;
  private static final int STATIC = 2;

  private final int caching;

  Query(Shape<R, I, O> shape) {
    this(shape, PLAIN);
  }

  private Query(Shape<R, I, O> shape, int caching) {
    super(Kind.QUERY, "Query", shape);
    this.caching = caching;
  }

  /**
   * A copy of this query that is cacheable: its output for an input may be cached until what it
   * read changes. A static query stays static (it is cacheable already).
   *
   * <pre>{@code
   * Query<Shared, Void, List<Todo>> LIST =
   *     Parley.query("todos.list").output(Schema.listOf(Todo.class)).cacheable();
   * }</pre>
   */
  public Query<R, I, O> cacheable() {
    return new Query<>(shape, Math.max(caching, CACHEABLE));
  }

  /**
   * A copy of this query that is static (Devframe's {@code static} kind; {@code static} is a Java
   * keyword): its output never changes for an input, so the server computes it once per input,
   * HTTP caches may keep it for good, and static dumps record it.
   *
   * <pre>{@code
   * Query<Shared, Void, BuildInfo> BUILD_INFO =
   *     Parley.query("buildInfo").output(BuildInfo.class).asStatic();
   * }</pre>
   */
  public Query<R, I, O> asStatic() {
    return new Query<>(shape, STATIC);
  }

  /** Whether this query is static: its output never changes for an input ({@link #asStatic()}). */
  public boolean isStatic() {
    return caching == STATIC;
  }

  /**
   * Whether this query's output may be cached: true for a {@link #cacheable()} query and for a
   * {@link #isStatic() static} one.
   */
  public boolean isCacheable() {
    return caching >= CACHEABLE;
  }

  /** A copy of this query that takes input of the given type, validated by its derived schema. */
  public <J> Query<R, J, O> input(Class<J> type) {
    return input(Schema.of(type));
  }

  /** A copy of this query whose input the given schema describes. */
  public <J> Query<R, J, O> input(Schema<J> schema) {
    return new Query<>(shape.withInput(schema), caching);
  }

  /** A copy of this query that returns output of the given type, validated by its derived schema. */
  public <P> Query<R, I, P> output(Class<P> type) {
    return output(Schema.of(type));
  }

  /** A copy of this query whose output the given schema describes. */
  public <P> Query<R, I, P> output(Schema<P> schema) {
    return new Query<>(shape.withOutput(schema), caching);
  }

  /**
   * A copy of this query for callers of {@code role} (and of roles extending it) only; a query is
   * {@link Role#SHARED shared} until given a role.
   */
  public <S extends Shared> Query<S, I, O> role(Role<S> role) {
    return new Query<>(shape.withRole(role), caching);
  }

  /** A copy of this query with a human-readable description. */
  public Query<R, I, O> description(String description) {
    return new Query<>(shape.withDescription(description), caching);
  }

  @Override
  public Schema<I> input() {
    return shape.input();
  }

  @Override
  public Schema<O> output() {
    return shape.output();
  }

  /** Equal to a query of the same shape (name, role, schemas, description) and caching. */
  @Override
  public boolean equals(@Nullable Object o) {
    return super.equals(o) && o instanceof Query<?, ?, ?> q && q.caching == caching;
  }

  @Override
  public int hashCode() {
    return 31 * super.hashCode() + caching;
  }
}
