package dev.parley.server.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.ErrorCode;
import dev.parley.Parley;
import dev.parley.ParleyException;
import org.junit.jupiter.api.Test;

/** What a route knows of its procedure, computed once. */
class RouteTest {
  @Test
  void knowsItsProceduresFacts() {
    var add = new Route(Parley.mutation("todos.add").input(String.class).output(Integer.class));
    assertThat(add.name()).isEqualTo("todos.add");
    assertThat(add.isMutation()).isTrue();
    assertThat(add.takesInput()).isTrue();
    assertThat(add.returnsOutput()).isTrue();
    assertThat(add.toString()).isEqualTo("Route[todos.add]");

    var ping = new Route(Parley.query("ping"));
    assertThat(ping.isMutation()).isFalse();
    assertThat(ping.takesInput()).isFalse();
    assertThat(ping.returnsOutput()).isFalse();
  }

  @Test
  void answersNotImplementedUntilInstalledAndOnlyOnce() {
    var route = new Route(Parley.query("ping"));
    assertThat(route.isImplemented()).isFalse();
    assertThatThrownBy(route::target).isInstanceOfSatisfying(ParleyException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_IMPLEMENTED));
    Target t = (ctx, call, emission) -> null;
    route.install(t);
    assertThat(route.target()).isSameAs(t);
    assertThatThrownBy(() -> route.install(t)).isInstanceOf(IllegalStateException.class);
  }
}
