package dev.parley.examples.chat;

import dev.parley.ErrorCode;
import dev.parley.ParleyException;
import dev.parley.server.Call;
import dev.parley.server.Identity;
import dev.parley.server.Narrowing;

/**
 * Who posts to the chat: the narrowed context of {@code say} and {@code announce}, made from the
 * caller's {@link Identity} by {@link #SIGNED_IN} once per call.
 *
 * @param name the principal's name
 * @param role the caller's role, {@code user} or {@code agent}
 */
public record Author(String name, String role) {

  /** Narrows an identity to an author, refusing anonymous callers {@code UNAUTHORIZED}. */
  public static final Narrowing<Identity<String>, Author> SIGNED_IN = Author::of;

  private static Author of(Identity<String> identity, Call call) {
    String name = identity.principalIfAny().orElseThrow(
        () -> new ParleyException(ErrorCode.UNAUTHORIZED, "Sign in to post"));
    return new Author(name, identity.role().name());
  }
}
