package dev.parley.server;

/**
 * The implementation of one procedure, as {@link Procedures#implement} returns it, to which its
 * {@link Resources} can be added.
 *
 * <pre>{@code
 * server.implement(TodoApi.ADD, (ctx, in) -> store.add(in.text()))
 *     .resources((ctx, in, out) -> Set.of("todos", "todo/" + out.id()));
 * }</pre>
 *
 * @param <C> the context type its handler receives
 * @param <I> the input type
 * @param <O> the output type
 */
public interface Implementation<C, I, O> {

  /**
   * Declares the resources of this procedure's calls: what a query read, what a mutation changed.
   * They are computed after the handler succeeded, with the context the handler received. At most
   * once per implementation.
   *
   * @return this implementation
   * @throws IllegalStateException if resources were already declared
   */
  Implementation<C, I, O> resources(Resources<? super C, ? super I, ? super O> resources);
}
