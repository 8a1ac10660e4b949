package dev.parley.examples.chat;

import dev.parley.ErrorCode;
import dev.parley.ParleyException;
import dev.parley.server.Authenticator;
import dev.parley.server.Identity;
import dev.parley.server.ParleyRequest;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The demo's two bearer tokens, one per role, made at start-up and printed, and the {@code
 * authenticate} hook that reads them from {@code Authorization: Bearer <token>}: no header is an
 * anonymous caller (the shared surface), an unknown token is {@code UNAUTHORIZED}.
 *
 * @param user the token of the principal {@code ada}, role {@code user}
 * @param agent the token of the principal {@code bot}, role {@code agent}
 */
public record DemoTokens(String user, String agent) implements Authenticator<String> {
  /** Random bytes per token: {@value}. */
  private static final int TOKEN_BYTES = 16;


  /** Checks that both tokens are present and differ. */
  public DemoTokens {
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(agent, "agent");
    if (user.isEmpty() || user.equals(agent)) {
      throw new IllegalArgumentException("tokens: expected two different, non-empty tokens");
    }
  }

  /** Two new random tokens. */
  public static DemoTokens random() {
    SecureRandom random = new SecureRandom();
    return new DemoTokens(token(random), token(random));
  }

  private static String token(SecureRandom random) {
    byte[] bytes = new byte[TOKEN_BYTES];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  @Override
  public Identity<String> authenticate(ParleyRequest request) {
    if (request.header("authorization").isEmpty()) {
      return Identity.anonymous();
    }
    String token = request.bearerToken().orElse("");
    if (same(token, user)) {
      return Identity.of(ChatApi.USER, "ada");
    }
    if (same(token, agent)) {
      return Identity.of(ChatApi.AGENT, "bot");
    }
    throw new ParleyException(ErrorCode.UNAUTHORIZED, "Unknown or malformed bearer token");
  }

  private static boolean same(String given, String expected) {
    return MessageDigest.isEqual(
        given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return "DemoTokens[user=…, agent=…]";
  }
}
