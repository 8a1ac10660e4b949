package dev.parley.server.internal;

import dev.parley.ErrorCode;
import dev.parley.Kind;
import dev.parley.ParleyException;
import dev.parley.Procedure;
import dev.parley.Role;
import org.jspecify.annotations.Nullable;

/**
 * One procedure of the contract as the server routes it: the descriptor, facts about it computed
 * once, and what runs it once implemented.
 */
public final class Route {
  private final Procedure<?, ?, ?> procedure;
  private final boolean mutation;
  private final boolean subscription;
  private final boolean takesInput;
  private final boolean returnsOutput;
  private volatile @Nullable Target target;

  Route(Procedure<?, ?, ?> procedure) {
    this.procedure = procedure;
    this.mutation = procedure.kind() == Kind.MUTATION;
    this.subscription = procedure.kind() == Kind.SUBSCRIPTION;
    this.takesInput = procedure.input().type() != Void.class;
    this.returnsOutput = procedure.output().type() != Void.class;
  }

  /** The descriptor. */
  public Procedure<?, ?, ?> procedure() {
    return procedure;
  }

  /** The procedure's name. */
  public String name() {
    return procedure.name();
  }

  /** Whether this is a mutation (sent by POST; its result carries its resources on the wire). */
  public boolean isMutation() {
    return mutation;
  }

  /**
   * The resources an answer of this procedure carries on the wire: a mutation's always ({@code
   * []} when none), a query's when its implementation declared some; else null (none written).
   */
  public java.util.@Nullable Set<String> resourcesOf(dev.parley.server.Result result) {
    return mutation || !result.resources().isEmpty() ? result.resources() : null;
  }

  /** Whether it is a subscription, answered with a stream of values. */
  public boolean isSubscription() {
    return subscription;
  }

  /** Whether the procedure takes input. */
  public boolean takesInput() {
    return takesInput;
  }

  /** Whether the procedure returns output; one that does not answers without {@code data}. */
  public boolean returnsOutput() {
    return returnsOutput;
  }

  boolean admits(Role<?> role) {
    return role.sees(procedure);
  }

  boolean isImplemented() {
    return target != null;
  }

  synchronized void install(Target t) {
    if (target != null) {
      throw new IllegalStateException(procedure + " is already implemented");
    }
    target = t;
  }

  Target target() {
    Target t = target;
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
