package dev.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.ErrorCode;
import dev.parley.Invoker;
import dev.parley.Parley;
import dev.parley.ParleyException;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** In-process calls through the server's {@link Invoker}: the same pipeline as over HTTP. */
class LocalCallTest {
  private final ParleyServer<Identity<Void>> server = Fixture.server();
  private final Invoker invoker = server.invoker();

  @Test
  void callsAProcedureInProcessAndReturnsTheMutationsResources() {
    Invoker.Result<Fixture.Todo> added = invoker.call(Fixture.ADD, new Fixture.NewTodo("eggs"),
        Duration.ZERO);
    assertThat(added.output().text()).isEqualTo("eggs");
    assertThat(added.resources()).containsExactlyInAnyOrder("todos", "todo/2");
    assertThat(invoker.invoke(Fixture.LIST, null, Duration.ZERO)).extracting(Fixture.Todo::text)
        .containsExactly("milk", "eggs");
  }

  @Test
  void keepsAQuerysResources() {
    var s = Fixture.implement(ParleyServer.builder(Fixture.CONTRACT.with(READ)).build());
    s.implement(READ, (ctx, in) -> "read").resources((ctx, in, out) -> Set.of("todos"));
    assertThat(s.invoker().call(READ, null, Duration.ZERO).resources()).containsExactly("todos");
  }

  static final dev.parley.Query<dev.parley.Shared, Void, String> READ =
      Parley.query("read").output(String.class);

  @Test
  void keepsInputValidationInProcess() {
    assertThatThrownBy(() -> invoker.invoke(Fixture.ADD, new Fixture.NewTodo(""), Duration.ZERO))
        .isInstanceOfSatisfying(ParleyException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST);
          assertThat(e.issues()).extracting(dev.parley.Issue::path).containsExactly("text");
        });
  }

  @Test
  void keepsOutputValidationInProcess() {
    assertThatThrownBy(() -> invoker.invoke(Fixture.BAD_OUTPUT, null, Duration.ZERO))
        .isInstanceOfSatisfying(ParleyException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL_SERVER_ERROR);
          assertThat(e.getMessage()).isEqualTo("Internal server error");
        });
  }

  @Test
  void skipsOutputValidationWhenTurnedOff() {
    var s = Fixture.implement(ParleyServer.builder(Fixture.CONTRACT)
        .options(ServerOptions.builder().validateOutput(false).build()).build());
    assertThat(s.invoker().invoke(Fixture.BAD_OUTPUT, null, Duration.ZERO).id()).isEqualTo(7);
  }

  @Test
  void hidesAnUnexpectedExceptionInProcess() {
    assertThatThrownBy(() -> invoker.invoke(Fixture.BOOM, null, Duration.ZERO))
        .isInstanceOfSatisfying(ParleyException.class, e -> {
          assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL_SERVER_ERROR);
          assertThat(e.getMessage()).isEqualTo("Internal server error");
        });
  }

  @Test
  void refusesADescriptorOfAnotherContract() {
    var other = Parley.query("todos.list");
    assertThatThrownBy(() -> invoker.invoke(other, null, Duration.ZERO))
        .isInstanceOfSatisfying(ParleyException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
  }

  @Test
  void answersItsOwnCodeAndKeepsServing() {
    assertThat(invoker.invoke(Fixture.GET, new Fixture.Id(1), Duration.ZERO).text())
        .isEqualTo("milk");
    assertThatThrownBy(() -> invoker.invoke(Fixture.GET, new Fixture.Id(5), Duration.ofSeconds(5)))
        .isInstanceOfSatisfying(ParleyException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
  }
}
