package dev.parley.examples.todos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.Issue;
import dev.parley.Kind;
import org.junit.jupiter.api.Test;

class TodoApiTest {

  @Test
  void namesAndKindsAreThoseOfCovenantsSeedAndTheUnionQueries() {
    assertThat(TodoApi.CONTRACT.descriptors())
        .extracting(d -> d.name() + ":" + d.kind())
        .containsExactly("getTodos:" + Kind.QUERY, "addTodo:" + Kind.MUTATION,
            "deleteTodo:" + Kind.MUTATION, "findTodos:" + Kind.QUERY, "getTodo:" + Kind.QUERY,
            "buildInfo:" + Kind.QUERY);
  }

  @Test
  void getTodosIsCacheableAndBuildInfoStatic() {
    assertThat(TodoApi.GET_TODOS.isCacheable()).isTrue();
    assertThat(TodoApi.GET_TODOS.isStatic()).isFalse();
    assertThat(TodoApi.BUILD_INFO.isStatic()).isTrue();
    assertThat(TodoApi.FIND_TODOS.isCacheable()).isFalse();
  }

  @Test
  void aFilterIsValidatedInsideItsVariant() {
    var schema = TodoApi.FIND_TODOS.input();
    assertThat(schema.validate(new TodoFilter.Newest(5))).isEmpty();
    assertThat(schema.validate(new TodoFilter.Newest(0))).extracting(Issue::path)
        .containsExactly("count");
    assertThat(schema.validate(new TodoFilter.Containing(" "))).extracting(Issue::path)
        .containsExactly("text");
    assertThat(schema.validate(null)).extracting(Issue::message).containsExactly("is required");
  }

  @Test
  void newTodoTextMustBeOneToTwoHundredCharacters() {
    var schema = TodoApi.ADD_TODO.input();
    assertThat(schema.validate(new NewTodo("a"))).isEmpty();
    assertThat(schema.validate(new NewTodo("a".repeat(200)))).isEmpty();
    assertThat(schema.validate(new NewTodo(""))).extracting(Issue::path).containsExactly("text");
    assertThat(schema.validate(new NewTodo("a".repeat(201)))).extracting(Issue::path).containsExactly("text");
    assertThat(schema.validate(new NewTodo(null))).extracting(Issue::path).contains("text");
  }

  @Test
  void todoIdIsRequired() {
    assertThat(TodoApi.DELETE_TODO.input().validate(new TodoId(null))).extracting(Issue::path).contains("id");
  }
}
