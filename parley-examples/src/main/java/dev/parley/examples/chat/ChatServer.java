package dev.parley.examples.chat;

import dev.parley.server.Identity;
import dev.parley.server.Procedures;
import dev.parley.server.RateLimit;
import java.time.Duration;
import java.util.Set;

/**
 * Implements {@link ChatApi} on a procedure base whose context is the caller's {@link Identity}:
 * everyone reads the messages; posting ({@code say}, {@code announce}) goes through a base of its
 * own, as tRPC apps make a {@code protectedProcedure} and a {@code moderateProcedure}: narrowed to
 * an {@link Author} and rate-limited. These three declare the resource {@value #MESSAGES}.
 *
 * <p>The rooms' chat, {@code chat.send} and {@code chat.onMessage}, is open to every caller on the
 * base as given, over {@link Rooms}.
 */
public final class ChatServer {
  private ChatServer() {}

  /** The resource of the message list. */
  public static final String MESSAGES = "messages";

  /** How many times a caller may say or announce something per {@link #POST_PERIOD}: {@value}. */
  public static final int POSTS_PER_PERIOD = 10;

  /** The period of {@link #POSTS_PER_PERIOD}: 10 seconds. */
  public static final Duration POST_PERIOD = Duration.ofSeconds(10);

  /**
   * Implements the chat's procedures on {@code procedures}: {@code messages}, {@code say} and
   * {@code announce} over {@code room}, {@code chat.send} and {@code chat.onMessage} over {@code
   * rooms}.
   */
  public static void implement(Procedures<Identity<String>> procedures, ChatRoom room, Rooms rooms) {
    Procedures<Author> posting = procedures
        .narrow(Author.SIGNED_IN)
        .use(RateLimit.of(POSTS_PER_PERIOD, POST_PERIOD));
    procedures.implement(ChatApi.MESSAGES, (ctx, in) -> room.all())
        .resources((ctx, in, out) -> Set.of(MESSAGES));
    posting.implement(ChatApi.SAY, (author, in) -> room.post(author.name(), author.role(), in.text()))
        .resources((ctx, in, out) -> Set.of(MESSAGES));
    posting.implement(ChatApi.ANNOUNCE,
            (author, in) -> room.post(author.name(), author.role(), in.text()))
        .resources((ctx, in, out) -> Set.of(MESSAGES));
    procedures.implement(ChatApi.SEND, (ctx, in) -> new ChatApi.Sent(rooms.send(in.room(), in.text()).id()));
    procedures.implement(ChatApi.ON_MESSAGE, (ctx, in, sink) -> rooms.follow(in.room(), sink));
  }
}
