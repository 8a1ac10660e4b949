package dev.parley.examples.todos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TodoDemoTest {

  @Test
  void portIs8080ByDefault() {
    assertThat(TodoDemo.port(new String[0], Map.of())).isEqualTo(8080);
    assertThat(TodoDemo.port(new String[0], Map.of("PORT", " "))).isEqualTo(8080);
  }

  @Test
  void portComesFromTheEnvironment() {
    assertThat(TodoDemo.port(new String[0], Map.of("PORT", "9090"))).isEqualTo(9090);
  }

  @Test
  void portArgumentWinsOverTheEnvironment() {
    assertThat(TodoDemo.port(new String[] {"--port", "7070"}, Map.of("PORT", "9090"))).isEqualTo(7070);
    assertThat(TodoDemo.port(new String[] {"--port=0"}, Map.of())).isZero();
  }

  @Test
  void rejectsAPortThatIsNotOne() {
    assertThatThrownBy(() -> TodoDemo.port(new String[] {"--port", "70000"}, Map.of()))
        .hasMessage("--port: 70000 (expected: a port, 0..65535)");
    assertThatThrownBy(() -> TodoDemo.port(new String[] {"--port"}, Map.of()))
        .hasMessageContaining("--port: missing value");
    assertThatThrownBy(() -> TodoDemo.port(new String[0], Map.of("PORT", "http")))
        .hasMessage("PORT: http (expected: a port, 0..65535)");
  }
}
