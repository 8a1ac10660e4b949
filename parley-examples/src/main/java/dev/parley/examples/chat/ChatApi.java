package dev.parley.examples.chat;

import dev.parley.Mutation;
import dev.parley.Parley;
import dev.parley.Query;
import dev.parley.Role;
import dev.parley.Schema;
import dev.parley.Shared;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The chat of the demo, with super-line's two roles: users {@code say} things, agents {@code
 * announce} them, and everyone, even anonymous, reads the {@code messages}. A client for one role
 * cannot name the other's verb (it does not compile), and the server answers it {@code NOT_FOUND}.
 */
public final class ChatApi {
  private ChatApi() {}

  /** The role of people chatting. */
  public interface User extends Shared {}

  /** The role of bots and services that make announcements. */
  public interface Agent extends Shared {}

  /** The {@code user} role. */
  public static final Role<User> USER = Role.of("user", User.class);

  /** The {@code agent} role. */
  public static final Role<Agent> AGENT = Role.of("agent", Agent.class);

  /** The longest text of a message, in characters: {@value}. */
  public static final int MAX_TEXT_LENGTH = 500;

  /**
   * What a user says or an agent announces.
   *
   * @param text 1 to {@value #MAX_TEXT_LENGTH} characters, not blank
   */
  public record Text(@NotBlank @Size(max = MAX_TEXT_LENGTH) String text) {}

  /**
   * A message of the chat.
   *
   * @param id its number, from 1 up
   * @param author who wrote it: the principal's name
   * @param role {@code user} or {@code agent}
   * @param text what was said
   */
  public record Message(long id, String author, String role, String text) {}

  /** Every message, oldest first; the shared surface. */
  public static final Query<Shared, Void, List<Message>> MESSAGES =
      Parley.query("messages").output(Schema.listOf(Message.class))
          .description("Every message, oldest first.");

  /** A user says something; agents cannot call it. */
  public static final Mutation<User, Text, Message> SAY =
      Parley.mutation("say").role(USER).input(Text.class).output(Message.class)
          .description("Says something as the calling user.");

  /** An agent announces something; users cannot call it. */
  public static final Mutation<Agent, Text, Message> ANNOUNCE =
      Parley.mutation("announce").role(AGENT).input(Text.class).output(Message.class)
          .description("Announces something as the calling agent.");
}
