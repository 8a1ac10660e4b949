package dev.parley.server;

import java.util.List;

/**
 * The implementation of a query, as {@link Procedures#implement(dev.parley.Query, Handler)}
 * returns it: besides its {@link Resources}, what a {@linkplain ParleyServer#dump(java.nio.file.Path) static dump} records of
 * it. A {@linkplain dev.parley.Query#isStatic() static} query without input is always dumped; any
 * other query is dumped for the inputs listed here, and a client in dump mode answers an input the
 * dump lacks with the {@link #fallback} when there is one, else {@code NOT_FOUND}.
 *
 * <pre>{@code
 * server.implement(TodoApi.GET_TODO, (ctx, in) -> store.find(in.id()))
 *     .resources((ctx, in, out) -> Set.of("todo/" + in.id()))
 *     .dump(List.of(new TodoId("1"), new TodoId("2")))
 *     .fallback(new TodoLookup.Missing("?"));
 * server.implement(TodoApi.GET_TODOS, (ctx, in) -> store.all()).dump();   // no input
 * }</pre>
 *
 * @param <C> the context type its handler receives
 * @param <I> the input type
 * @param <O> the output type
 */
public interface QueryImplementation<C, I, O> extends Implementation<C, I, O> {

  /** {@inheritDoc} */
  @Override
  QueryImplementation<C, I, O> resources(Resources<? super C, ? super I, ? super O> resources);

  /**
   * Has static dumps record this query for each of {@code inputs}, in order, beside those listed
   * before. Each input goes through the whole pipeline when the dump is made: one that fails
   * validation, or whose call fails, fails the dump.
   *
   * @return this implementation
   */
  QueryImplementation<C, I, O> dump(List<? extends I> inputs);

  /**
   * Has static dumps record this query called with no input: for a query whose input is {@code
   * Void} (or whose schema allows none).
   *
   * @return this implementation
   */
  QueryImplementation<C, I, O> dump();

  /**
   * The output a client in dump mode answers for an input the dump lacks; it is checked against
   * the output schema when the dump is made. At most once.
   *
   * @return this implementation
   * @throws IllegalStateException if a fallback was already given
   */
  QueryImplementation<C, I, O> fallback(O output);
}
