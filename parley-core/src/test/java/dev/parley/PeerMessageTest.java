package dev.parley;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PeerMessageTest {
  interface User extends Shared {}

  static final Role<User> USER = Role.of("user", User.class);

  record Evict(String key) {}

  static final PeerMessage<Evict> EVICT =
      Parley.peerMessage("cache.evict").payload(Evict.class).description("drop a cached key");
  static final Query<Shared, Void, String> HELLO = Parley.query("hello").output(String.class);

  @Test
  void isANodeToNodeKindOfTheSharedRoleWithItsPayloadSchema() {
    assertThat(EVICT.kind()).isEqualTo(Kind.PEER_MESSAGE);
    assertThat(EVICT.kind().direction()).isEqualTo(Kind.Direction.SERVER_TO_SERVER);
    assertThat(EVICT.role()).isEqualTo(Role.SHARED);
    assertThat(EVICT.name()).isEqualTo("cache.evict");
    assertThat(EVICT.description()).contains("drop a cached key");
    assertThat(EVICT.payload().validate(new Evict("todo/1"))).isEmpty();
    assertThat(EVICT.toString()).isEqualTo("PeerMessage[cache.evict]");
    assertThat(EVICT).isEqualTo(Parley.peerMessage("cache.evict").payload(Evict.class)
        .description("drop a cached key"));
  }

  @Test
  void belongsToTheContractButToNoRolesSurface() {
    Contract contract = Contract.of(HELLO, EVICT);
    assertThat(contract.find("cache.evict")).contains(EVICT);
    assertThat(contract.contains(EVICT)).isTrue();
    assertThat(contract.surface(Role.SHARED)).containsExactly(HELLO);
    assertThat(contract.surface(USER)).containsExactly(HELLO);
    assertThat(Role.SHARED.sees(EVICT)).isFalse();
    assertThat(USER.sees(EVICT)).isFalse();
    assertThatThrownBy(() -> USER.require(EVICT)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void sharesTheNamespaceOfTheContractsOtherDescriptors() {
    assertThatThrownBy(() -> Contract.of(Parley.query("cache.evict"), EVICT))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("duplicate");
  }
}
