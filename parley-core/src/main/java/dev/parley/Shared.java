package dev.parley;

/**
 * The role of the shared surface: descriptors typed {@code Shared} can be called by every caller.
 *
 * <p>A role is a type. A contract's roles are marker interfaces that extend {@code Shared}, for
 * example {@code interface Agent extends Shared {}}; a descriptor declared for {@code Agent} has the
 * type {@code Query<Agent, I, O>}. A client built for role {@code R} accepts only descriptors typed
 * {@code ? super R}, that is {@code Shared} or {@code R} itself, so naming another role's descriptor
 * does not compile. Every descriptor is {@code Shared} until a role is given to it.
 */
public interface Shared {}
