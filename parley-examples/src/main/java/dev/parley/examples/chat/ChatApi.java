package dev.parley.examples.chat;

import dev.parley.Mutation;
import dev.parley.Parley;
import dev.parley.Query;
import dev.parley.Role;
import dev.parley.Schema;
import dev.parley.Shared;
import dev.parley.Subscription;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The chat of the demo, with super-line's two roles: users {@code say} things, agents {@code
 * announce} them, and everyone, even anonymous, reads the {@code messages}. A client for one role
 * cannot name the other's verb (it does not compile), and the server answers it {@code NOT_FOUND}.
 *
 * <p>Beside it, the realtime chat of rooms that a tRPC v11 server can serve too, call for call:
 * anyone sends to a room with {@code chat.send} and follows a room with the subscription {@code
 * chat.onMessage}, which resumes from the last message id seen ({@link Rooms}).
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

  /** The longest room name, in characters: {@value}. */
  public static final int MAX_ROOM_LENGTH = 100;

  /**
   * A message to send to a room.
   *
   * @param room the room's name, 1 to {@value #MAX_ROOM_LENGTH} characters
   * @param text 1 to {@value #MAX_TEXT_LENGTH} characters
   */
  public record Post(
      @NotNull @Size(min = 1, max = MAX_ROOM_LENGTH) String room,
      @NotNull @Size(min = 1, max = MAX_TEXT_LENGTH) String text) {}

  /**
   * What {@code chat.send} answers.
   *
   * @param id the message's id: a decimal integer, larger than every id before it in any room
   */
  public record Sent(String id) {}

  /**
   * The room that {@code chat.onMessage} follows.
   *
   * @param room the room's name, 1 to {@value #MAX_ROOM_LENGTH} characters
   */
  public record RoomName(@NotNull @Size(min = 1, max = MAX_ROOM_LENGTH) String room) {}

  /**
   * A message sent to a room, as {@code chat.onMessage} emits it, tracked by its id.
   *
   * @param id its id, a decimal integer
   * @param room the room it was sent to
   * @param text what was said
   */
  public record RoomMessage(String id, String room, String text) {}

  /** Sends a message to a room; anyone may, within the demo's rate limit. */
  public static final Mutation<Shared, Post, Sent> SEND =
      Parley.mutation("chat.send").input(Post.class).output(Sent.class)
          .description("Sends a message to a room and returns its id.");

  /**
   * Every message sent to a room after the subscription started, tracked by its id; resumed after
   * an id, first the room's last {@value Rooms#REPLAYED} messages newer than it, then live.
   */
  public static final Subscription<Shared, RoomName, RoomMessage> ON_MESSAGE =
      Parley.subscription("chat.onMessage").input(RoomName.class).output(RoomMessage.class)
          .description("The messages of a room, live; resumable from the last id seen.");

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
