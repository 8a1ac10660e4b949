package dev.parley.examples.chat;

import dev.parley.server.Identity;
import dev.parley.server.ParleyServer;
import java.util.Set;

/**
 * Implements {@link ChatApi} on a server whose context is the caller's {@link Identity}: the author
 * of a message is its principal. Every procedure declares the resource {@value #MESSAGES}.
 */
public final class ChatServer {
  private ChatServer() {}

  /** The resource of the message list. */
  public static final String MESSAGES = "messages";

  /** Implements the chat's procedures on {@code server}, over {@code room}. */
  public static void implement(ParleyServer<Identity<String>> server, ChatRoom room) {
    server.implement(ChatApi.MESSAGES, (ctx, in) -> room.all())
        .resources((ctx, in, out) -> Set.of(MESSAGES));
    server.implement(ChatApi.SAY, (ctx, in) -> room.post(author(ctx), ctx.role().name(), in.text()))
        .resources((ctx, in, out) -> Set.of(MESSAGES));
    server.implement(ChatApi.ANNOUNCE,
            (ctx, in) -> room.post(author(ctx), ctx.role().name(), in.text()))
        .resources((ctx, in, out) -> Set.of(MESSAGES));
  }

  private static String author(Identity<String> ctx) {
    return ctx.principalIfAny().orElse("anonymous");
  }
}
