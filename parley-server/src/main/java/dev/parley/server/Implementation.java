package dev.parley.server;

/**
 * The implementation of one procedure on a server, as {@link ParleyServer#implement} returns it,
 * to which its {@link Resources} and {@link Guard guards} can be added.
 *
 * <pre>{@code
 * server.implement(TodoApi.ADD, (ctx, in) -> store.add(in.text()))
 *     .guard((ctx, in) -> ctx.user().canWrite())
 *     .resources((ctx, in, out) -> Set.of("todos", "todo/" + out.id()));
 * }</pre>
 *
 * @param <C> the context type
 * @param <I> the input type
 * @param <O> the output type
 */
public interface Implementation<C, I, O> {

  /**
   * Declares the resources of this procedure. At most once per implementation.
   *
   * @return this implementation
   * @throws IllegalStateException if resources were already declared
   */
  Implementation<C, I, O> resources(Resources<C, I, O> resources);

  /**
   * Adds a guard: a call that {@code guard} does not allow is answered {@code FORBIDDEN} without
   * running the handler. Guards run after the middleware, in the order added.
   *
   * @return this implementation
   */
  Implementation<C, I, O> guard(Guard<? super C, ? super I> guard);
}
