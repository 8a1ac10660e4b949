package dev.parley.server;

import dev.parley.Role;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Who is calling, as an {@link Authenticator} resolved it: the caller's {@link Role}, which decides
 * the surface it may call, and its principal (a user, an agent, an API key's owner), if any.
 *
 * <pre>{@code
 * Identity<User> id = Identity.of(ChatApi.USER, user);
 * Identity<User> nobody = Identity.anonymous();   // role shared, no principal
 * }</pre>
 *
 * @param role the role whose surface the caller sees; {@link Role#SHARED} for the shared surface only
 * @param principal the authenticated principal, {@code null} for an anonymous caller
 * @param <P> the principal's type
 */
public record Identity<P>(Role<?> role, @Nullable P principal) {
  private static final Identity<?> ANONYMOUS = new Identity<>(Role.SHARED, null);

  /** Checks that the role is present. */
  public Identity {
    Objects.requireNonNull(role, "role");
  }

  /** The identity of {@code principal} acting in {@code role}. */
  public static <P> Identity<P> of(Role<?> role, P principal) {
    return new Identity<>(role, Objects.requireNonNull(principal, "principal"));
  }

  /** The anonymous caller: the shared surface, no principal. What every caller is by default. */
  @SuppressWarnings("unchecked")
  public static <P> Identity<P> anonymous() {
    return (Identity<P>) ANONYMOUS;
  }

  /** The principal, empty for an anonymous caller. */
  public Optional<P> principalIfAny() {
    return Optional.ofNullable(principal);
  }
}
