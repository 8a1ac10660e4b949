package dev.parley;

import java.util.Optional;

/**
 * One entry of a {@link Contract}: a named, typed value that the server implements and clients
 * name at their call sites. Descriptors are immutable and are meant to be {@code public static
 * final} constants of a module that server and clients both import.
 *
 * <p>The type parameter {@code R} is the role whose callers may use the descriptor: {@link Shared}
 * for everyone, or a role type that extends it.
 *
 * <p>Descriptor types form a closed family, one type per {@link Kind}: {@link Query} and {@link
 * Mutation} (request/response, sharing {@link Procedure}), {@link Subscription}, {@link Event},
 * {@link ClientEvent}, {@link Topic}, {@link ClientProcedure}, {@link Channel}, {@link State} and
 * {@link PeerMessage} (node to node, on no client's surface).
 *
 * @param <R> the role that may use this descriptor
 */
public sealed interface Descriptor<R extends Shared>
    permits Procedure, Event, ClientEvent, Topic, ClientProcedure, Channel, State, PeerMessage {

  /**
   * The descriptor's name: segments of letters, digits and {@code _} joined by dots, each starting
   * with a letter or {@code _}, e.g. {@code todos.list}. Unique within a contract.
   */
  String name();

  /** The kind of this descriptor. */
  Kind kind();

  /** The role whose callers may use this descriptor; {@link Role#SHARED} for everyone. */
  Role<R> role();

  /** A human-readable description, for documentation and agents; empty when none was given. */
  Optional<String> description();
}
