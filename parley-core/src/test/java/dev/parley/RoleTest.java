package dev.parley;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RoleTest {
  interface User extends Shared {}

  interface Agent extends Shared {}

  interface Admin extends User {}

  static final Role<User> USER = Role.of("user", User.class);
  static final Role<Agent> AGENT = Role.of("agent", Agent.class);
  static final Role<Admin> ADMIN = Role.of("admin", Admin.class);

  record Said(String text) {}

  static final Query<Shared, Void, String> HELLO = Parley.query("hello").output(String.class);
  static final Mutation<User, Said, Void> SAY = Parley.mutation("say").role(USER).input(Said.class);
  static final Mutation<Agent, Said, Void> ANNOUNCE =
      Parley.mutation("announce").role(AGENT).input(Said.class);
  static final Topic<Agent, Void, Said> ALERTS =
      Parley.topic("alerts").role(AGENT).message(Said.class);
  static final Event<User, Said> MENTIONED = Parley.event("mentioned").role(USER).payload(Said.class);
  static final Subscription<Admin, Void, Said> AUDIT =
      Parley.subscription("audit").role(ADMIN).output(Said.class);
  static final Channel<User, Void, Said, Said, Said, Said> CHAT = Parley.channel("chat").role(USER)
      .connect(Said.class, Said.class).clientMessage(Said.class).serverMessage(Said.class);
  static final ClientProcedure<Agent, Said, Said> CONFIRM =
      Parley.clientProcedure("confirm").role(AGENT).input(Said.class).output(Said.class);

  static final Contract CONTRACT =
      Contract.of(HELLO, SAY, ANNOUNCE, ALERTS, MENTIONED, AUDIT, CHAT, CONFIRM);

  @Test
  void givesEveryKindARoleAndKeepsItAcrossCopies() {
    assertThat(HELLO.role()).isEqualTo(Role.SHARED);
    assertThat(SAY.role()).isEqualTo(USER);
    assertThat(ALERTS.role()).isEqualTo(AGENT);
    assertThat(MENTIONED.description("a mention").role()).isEqualTo(USER);
    assertThat(CHAT.kind()).isEqualTo(Kind.CHANNEL);
    assertThat(AUDIT.toString()).isEqualTo("Subscription[audit, admin]");
  }

  @Test
  void listsTheContractsRolesAndEachRolesSurface() {
    assertThat(CONTRACT.roles()).containsExactly(USER, AGENT, ADMIN);
    assertThat(CONTRACT.role("agent")).contains(AGENT);
    assertThat(CONTRACT.role("shared")).contains(Role.SHARED);
    assertThat(CONTRACT.surface(Role.SHARED)).containsExactly(HELLO);
    assertThat(CONTRACT.surface(USER)).containsExactly(HELLO, SAY, MENTIONED, CHAT);
    assertThat(CONTRACT.surface(AGENT)).containsExactly(HELLO, ANNOUNCE, ALERTS, CONFIRM);
    assertThat(CONTRACT.surface(ADMIN)).containsExactly(HELLO, SAY, MENTIONED, AUDIT, CHAT);
  }

  @Test
  void listsTheRolesOfAContractInTheOrderTheyFirstAppear() {
    assertThat(Contract.of(HELLO, ANNOUNCE, SAY, ALERTS).roles()).containsExactly(AGENT, USER);
    assertThat(Contract.of(HELLO).roles()).isEmpty();
  }

  @Test
  void namesItself() {
    assertThat(USER).hasToString("Role[user]");
    assertThat(Role.SHARED).hasToString("Role[shared]");
  }

  @Test
  void seesSharedOwnAndInheritedDescriptorsOnly() {
    assertThat(USER.sees(HELLO)).isTrue();
    assertThat(USER.sees(SAY)).isTrue();
    assertThat(USER.sees(ANNOUNCE)).isFalse();
    assertThat(ADMIN.sees(SAY)).isTrue();
    assertThat(USER.sees(AUDIT)).isFalse();
    assertThat(Role.SHARED.sees(SAY)).isFalse();
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void refusesAtRunTimeADescriptorSmuggledPastTheCompiler() {
    assertThat(ADMIN.require(SAY)).isSameAs(SAY);
    Mutation<User, Said, Void> smuggled = (Mutation) ANNOUNCE;
    assertThatThrownBy(() -> USER.require(smuggled))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Mutation[announce, agent] is for role agent, not for user");
  }

  @Test
  void refusesMalformedRoles() {
    assertThatThrownBy(() -> Role.of("Agent", Agent.class)).hasMessageContaining("role name: \"Agent\"");
    assertThatThrownBy(() -> Role.of("shared", Agent.class)).hasMessageContaining("not \"shared\"");
    assertThatThrownBy(() -> Role.of("all", Shared.class))
        .hasMessageContaining("an interface that extends dev.parley.Shared");
  }

  @Test
  void refusesTwoRolesWithOneNameOrOneType() {
    var otherUser = Role.of("user", Agent.class);
    var renamed = Role.of("person", User.class);
    assertThatThrownBy(() -> Contract.of(SAY, Parley.query("q").role(otherUser)))
        .hasMessageContaining("role user (" + Agent.class.getName() + ")")
        .hasMessageContaining("a role has one name and one type");
    assertThatThrownBy(() -> Contract.of(SAY, Parley.query("q").role(renamed)))
        .hasMessageContaining("clashes with role user");
  }
}
