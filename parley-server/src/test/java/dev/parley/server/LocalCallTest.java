package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.ErrorCode;
import dev.parley.Parley;
import dev.parley.ParleyException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LocalCallTest {
  private final ParleyServer<ParleyRequest> server = Fixture.server();
  private final ParleyRequest ctx = Fixture.get("", "");

  @Test
  void callsAProcedureInProcess() {
    Fixture.Todo added = server.call(Fixture.ADD, ctx, new Fixture.NewTodo("eggs"));
    assertThat(added.text()).isEqualTo("eggs");
    assertThat(server.call(Fixture.LIST, ctx, null)).extracting(Fixture.Todo::text)
        .containsExactly("milk", "eggs");
  }

  @Test
  void keepsInputValidationInProcess() {
    assertThatThrownBy(() -> server.call(Fixture.ADD, ctx, new Fixture.NewTodo("")))
        .isInstanceOfSatisfying(ParleyException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
          assertThat(e.issues()).extracting(dev.parley.Issue::path).containsExactly("text");
        });
  }

  @Test
  void keepsOutputValidationInProcess() {
    assertThatThrownBy(() -> server.call(Fixture.BAD_OUTPUT, ctx, null))
        .isInstanceOfSatisfying(ParleyException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL_SERVER_ERROR);
          assertThat(e.getMessage()).isEqualTo("Internal server error");
        });
  }

  @Test
  void skipsOutputValidationWhenTurnedOff() {
    var s = Fixture.implement(ParleyServer.builder(Fixture.CONTRACT)
        .options(ServerOptions.builder().validateOutput(false).build()).build());
    assertThat(s.call(Fixture.BAD_OUTPUT, ctx, null).id()).isEqualTo(7);
  }

  @Test
  void hidesAnUnexpectedExceptionInProcess() {
    assertThatThrownBy(() -> server.call(Fixture.BOOM, ctx, null))
        .isInstanceOfSatisfying(ParleyException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL_SERVER_ERROR);
          assertThat(e.getMessage()).isEqualTo("Internal server error");
        });
  }

  @Test
  void refusesADescriptorOfAnotherContract() {
    var other = Parley.query("todos.list");
    assertThatThrownBy(() -> server.call(other, ctx, null))
        .isInstanceOfSatisfying(ParleyException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
  }

  @Test
  void invokesThroughTheInvoker() {
    var invoker = server.invoker(ctx);
    assertThat(invoker.invoke(Fixture.GET, new Fixture.Id(1), Duration.ZERO).text())
        .isEqualTo("milk");
    assertThatThrownBy(() -> invoker.invoke(Fixture.GET, new Fixture.Id(5), Duration.ofSeconds(5)))
        .isInstanceOfSatisfying(ParleyException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
  }
}
