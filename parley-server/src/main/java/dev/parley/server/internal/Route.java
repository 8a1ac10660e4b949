package dev.parley.server.internal;

import dev.parley.ErrorCode;
import dev.parley.Kind;
import dev.parley.ParleyException;
import dev.parley.Procedure;
import dev.parley.Shared;
import dev.parley.server.Handler;
import dev.parley.server.Implementation;
import dev.parley.server.Resources;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One procedure of the contract as the server routes it: the descriptor, facts about it computed
 * once, and its handler and resources once implemented.
 */
public final class Route<C, I, O> implements Implementation<C, I, O> {
  private final Procedure<?, I, O> procedure;
  private final boolean mutation;
  private final boolean takesInput;
  private final boolean returnsOutput;
  private volatile @Nullable Handler<C, I, O> handler;
  private volatile @Nullable Resources<C, I, O> resources;

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

  boolean admits(Class<? extends Shared> callerRole) {
    return procedure.role().isAssignableFrom(callerRole);
  }

  boolean isImplemented() {
    return handler != null;
  }

  synchronized void implement(Handler<C, I, O> h) {
    if (handler != null) {
      throw new IllegalStateException(procedure + " is already implemented");
    }
    handler = h;
  }

  Handler<C, I, O> handler() {
    Handler<C, I, O> h = handler;
    if (h == null) {
      throw new ParleyException(ErrorCode.NOT_IMPLEMENTED,
          "Procedure \"" + procedure.name() + "\" is not implemented");
    }
    return h;
  }

  @Nullable Resources<C, I, O> resourcesFn() {
    return resources;
  }

  @Override
  public synchronized Implementation<C, I, O> resources(Resources<C, I, O> declared) {
    Objects.requireNonNull(declared, "resources");
    if (resources != null) {
      throw new IllegalStateException(procedure + ": resources are already declared");
    }
    resources = declared;
    return this;
  }

  @Override
  public String toString() {
    return "Implementation[" + procedure.name() + "]";
  }
}
