package dev.parley;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChannelTest {
  interface User extends Shared {}

  static final Role<User> USER = Role.of("user", User.class);

  record Room(String id) {}

  record Join(String name) {}

  record Member(long id) {}

  record Say(String text) {}

  record Said(String text) {}

  private static Channel<User, Room, Join, Member, Say, Said> chat() {
    return Parley.channel("chat").role(USER).params(Room.class).connect(Join.class, Member.class)
        .clientMessage(Say.class).serverMessage(Said.class);
  }

  @Test
  void carriesItsNameRoleDescriptionAndSchemas() {
    var chat = chat();

    assertThat(chat.name()).isEqualTo("chat");
    assertThat(chat.kind()).isEqualTo(Kind.CHANNEL);
    assertThat(chat.role()).isEqualTo(USER);
    assertThat(chat.params()).isEqualTo(Schema.of(Room.class));
    assertThat(chat.connectRequest()).isEqualTo(Schema.of(Join.class));
    assertThat(chat.connectAnswer()).isEqualTo(Schema.of(Member.class));
    assertThat(chat.clientMessage()).isEqualTo(Schema.of(Say.class));
    assertThat(chat.serverMessage()).isEqualTo(Schema.of(Said.class));
    assertThat(chat.description()).isEmpty();
    assertThat(chat.description("Talk in a room").description()).contains("Talk in a room");
    assertThat(Parley.channel("lobby").params()).isEqualTo(Schema.none());
  }

  @Test
  void namesItselfAndItsRoleUnlessShared() {
    assertThat(chat()).hasToString("Channel[chat, user]");
    assertThat(Parley.channel("lobby")).hasToString("Channel[lobby]");
  }

  @Test
  void equalsAChannelOfTheSameNameRoleAndSchemasOnly() {
    var chat = chat();

    assertThat(chat).isEqualTo(chat()).hasSameHashCodeAs(chat());
    assertThat(chat).isNotEqualTo(Parley.channel("chat").role(USER).params(Room.class)
        .connect(Join.class, Member.class).clientMessage(Say.class).serverMessage(Say.class));
    assertThat(chat).isNotEqualTo(chat.params(Say.class));
    assertThat(chat).isNotEqualTo(chat.clientMessage(Said.class));
    assertThat(chat).isNotEqualTo(chat.connect(Join.class, Join.class));
    assertThat(chat).isNotEqualTo(Parley.channel("talk").role(USER).params(Room.class)
        .connect(Join.class, Member.class).clientMessage(Say.class).serverMessage(Said.class));
    assertThat(chat).isNotEqualTo(Parley.query("chat").role(USER));
  }
}
