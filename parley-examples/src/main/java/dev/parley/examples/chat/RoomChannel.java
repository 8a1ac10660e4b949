package dev.parley.examples.chat;

import dev.parley.Channel;
import dev.parley.Parley;
import dev.parley.Shared;
import dev.parley.server.ParleyServer;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Covenant's chat as a channel: connect to a room ({@code {roomId}}) with a user name, send
 * texts, hear what everyone in the same room says, each message named by who said it. The name
 * is the one given at connect, kept by the server as the connection's context, so a client cannot
 * speak under another name afterwards.
 */
public final class RoomChannel {
  private RoomChannel() {}

  /** The longest room id and user name, in characters: {@value}. */
  public static final int MAX_NAME_LENGTH = 40;

  /**
   * Which room.
   *
   * @param roomId 1 to {@value #MAX_NAME_LENGTH} characters, not blank
   */
  public record RoomId(@NotBlank @Size(max = MAX_NAME_LENGTH) String roomId) {}

  /**
   * The connect request.
   *
   * @param username 1 to {@value #MAX_NAME_LENGTH} characters, not blank
   */
  public record Join(@NotBlank @Size(max = MAX_NAME_LENGTH) String username) {}

  /** The connection's context: who is connected. */
  public record Member(String username) {}

  /**
   * What a client says.
   *
   * @param text 1 to {@value ChatApi#MAX_TEXT_LENGTH} characters, not blank
   */
  public record Say(@NotBlank @Size(max = ChatApi.MAX_TEXT_LENGTH) String text) {}

  /** What everyone in the room hears. */
  public record Said(String username, String text) {}

  /** The channel {@code room}, open to every caller. */
  public static final Channel<Shared, RoomId, Join, Member, Say, Said> ROOM =
      Parley.channel("room").params(RoomId.class).connect(Join.class, Member.class)
          .clientMessage(Say.class).serverMessage(Said.class)
          .description("A chat room: connect with a name, then say things to everyone in it");

  /** Serves {@link #ROOM} on {@code server}: each text goes to everyone in the sender's room. */
  public static void implement(ParleyServer<?> server) {
    server.channel(ROOM)
        .onConnect((caller, room, join) -> new Member(join.username().strip()))
        .onMessage((caller, room, member, say) ->
            server.send(ROOM, room, new Said(member.username(), say.text())));
  }
}
