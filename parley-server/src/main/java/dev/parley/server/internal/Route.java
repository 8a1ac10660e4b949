package dev.parley.server.internal;

import dev.parley.ErrorCode;
import dev.parley.Kind;
import dev.parley.ParleyException;
import dev.parley.Procedure;
import dev.parley.Role;
import dev.parley.server.Handler;
import dev.parley.server.Implementation;
import dev.parley.server.Narrowing;
import org.jspecify.annotations.Nullable;

/**
 * One procedure of the contract as the server routes it: the descriptor, facts about it computed
 * once, and what runs it once implemented.
 */
public final class Route<C, I, O> {
  private final Procedure<?, I, O> procedure;
  private final boolean mutation;
  private final boolean takesInput;
  private final boolean returnsOutput;
  private volatile @Nullable Target<C, I, O> target;

  Route(Procedure<?, I, O> procedure) {
    this.procedure = procedure;
    this.mutation = procedure.kind() == Kind.MUTATION;
    this.takesInput = procedure.input().type() != Void.class;
    this.returnsOutput = procedure.output().type() != Void.class;
  }

  /** The descriptor. */
  public Procedure<?, I, O> procedure() {
    return procedure;
  }

  /** The procedure's name. */
  public String name() {
    return procedure.name();
  }

  /** Whether this is a mutation (sent by POST, its result carries resources). */
  public boolean isMutation() {
    return mutation;
  }

  /** Whether the procedure takes input; one that does not ignores any input sent. */
  public boolean takesInput() {
    return takesInput;
  }

  /** Whether the procedure returns output; one that does not answers without {@code data}. */
  public boolean returnsOutput() {
    return returnsOutput;
  }

  /** Whether a caller of {@code role} may call it. */
  boolean admits(Role<?> role) {
    return role.sees(procedure);
  }

  boolean isImplemented() {
    return target != null;
  }

  synchronized Implementation<C, I, O> implement(Handler<C, I, O> handler) {
    Implemented<C, I, O> implemented = new Implemented<>(procedure.name(), handler);
    install(implemented);
    return implemented;
  }

  synchronized <N> Implementation<N, I, O> implement(
      Narrowing<? super C, ? extends N> narrowing, Handler<N, I, O> handler) {
    Implemented<N, I, O> implemented = new Implemented<>(procedure.name(), handler);
    install(new Narrowed<>(narrowing, implemented));
    return implemented;
  }

  private void install(Target<C, I, O> t) {
    if (target != null) {
      throw new IllegalStateException(procedure + " is already implemented");
    }
    target = t;
  }

  Target<C, I, O> target() {
    Target<C, I, O> t = target;
    if (t == null) {
      throw new ParleyException(ErrorCode.NOT_IMPLEMENTED,
          "Procedure \"" + procedure.name() + "\" is not implemented");
    }
    return t;
  }

  @Override
  public String toString() {
    return "Route[" + procedure.name() + "]";
  }
}
