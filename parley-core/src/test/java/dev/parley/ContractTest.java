package dev.parley;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ContractTest {
  record Todo(long id, String text) {}

  record NewTodo(String text) {}

  static final Query<Shared, Void, List<Todo>> LIST =
      Parley.query("todos.list").output(Schema.listOf(Todo.class));
  static final Mutation<Shared, NewTodo, Todo> ADD =
      Parley.mutation("todos.add").input(NewTodo.class).output(Todo.class);

  @Test
  void listsDescriptorsInDeclarationOrderAndFindsThemByName() {
    Contract contract = Contract.of(LIST, ADD);

    assertThat(contract.descriptors()).containsExactly(LIST, ADD);
    assertThat(contract.find("todos.add")).contains(ADD);
    assertThat(contract.find("todos.remove")).isEmpty();
    assertThat(contract.contains(LIST)).isTrue();
  }

  @Test
  void rejectsDuplicateNames() {
    var other = Parley.query("todos.add");

    assertThatThrownBy(() -> Contract.of(LIST, ADD, other))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("duplicate descriptor name \"todos.add\"");
  }

  @Test
  void acceptsANameThatIsAlsoThePrefixOfAnother() {
    var slow = Parley.subscription("slow");
    var active = Parley.query("slow.active");

    Contract contract = Contract.of(slow, active);

    assertThat(contract.find("slow")).contains(slow);
    assertThat(contract.find("slow.active")).contains(active);
  }

  @Test
  void rejectsMalformedNames() {
    for (String bad : List.of("", "todos.", ".todos", "todos..list", "1todos", "todos/list", "to dos", "todos.list,x")) {
      assertThatThrownBy(() -> Parley.query(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("descriptor name");
    }
    assertThat(Parley.query("_private.get_2").name()).isEqualTo("_private.get_2");
    String longest = "a".repeat(100) + "." + "b".repeat(99);
    assertThat(Parley.query(longest).name()).hasSize(200);
    assertThatThrownBy(() -> Parley.query(longest + "b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 200 characters");
  }

  @Test
  void namesItsDescriptorsInOrder() {
    assertThat(Contract.of(LIST, ADD)).hasToString("Contract[todos.list, todos.add]");
  }

  @Test
  void aContractDoesNotContainAnEqualNamedButDifferentDescriptor() {
    Contract contract = Contract.of(LIST);

    assertThat(contract.contains(Parley.query("todos.list"))).isFalse();
  }

  @Test
  void descriptorsAreImmutableValuesRefinedByCopies() {
    Query<Shared, Void, Void> bare = Parley.query("todos.count");
    Query<Shared, Void, Integer> counted = bare.output(Integer.class);

    assertThat(bare.output()).isEqualTo(Schema.none());
    assertThat(counted.output().type()).isEqualTo(Integer.class);
    assertThat(counted.kind()).isEqualTo(Kind.QUERY);
    assertThat(counted.role()).isEqualTo(Role.SHARED);
    assertThat(counted).isEqualTo(Parley.query("todos.count").output(Integer.class));
    assertThat(ADD.kind()).isEqualTo(Kind.MUTATION);
    assertThat(ADD.description()).isEmpty();
    assertThat(ADD.description("Adds a todo").description()).contains("Adds a todo");
  }

  @Test
  void withAppendsDescriptorsAndChecksAgain() {
    Contract contract = Contract.of(LIST).with(ADD);

    assertThat(contract.descriptors()).containsExactly(LIST, ADD);
    assertThatThrownBy(() -> contract.with(ADD)).isInstanceOf(IllegalArgumentException.class);
  }
}
