package dev.parley.examples.todos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.ErrorCode;
import dev.parley.client.ParleyClient;
import dev.parley.client.ParleyClientException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The static site's dump answers the demo's queries with no server running. */
class StaticSiteTest {
  @TempDir Path dir;

  @Test
  void theDumpAnswersTheDemosQueriesWithNoServer() throws IOException {
    StaticSite.write(dir);

    try (var client = ParleyClient.fromDump(dir.resolve("dump"), TodoApi.CONTRACT)) {
      assertThat(client.query(TodoApi.GET_TODOS)).extracting(Todo::text)
          .containsExactly("Read the overview", "Try the quickstart");
      assertThat(client.query(TodoApi.BUILD_INFO).version()).isEqualTo(TodoServer.VERSION);
      assertThat(client.query(TodoApi.GET_TODO, new TodoId("1")))
          .as("an input the dump lacks gets the fallback")
          .isEqualTo(new TodoLookup.Missing("?"));
      assertThatThrownBy(() -> client.query(TodoApi.FIND_TODOS, new TodoFilter.Newest(1)))
          .isInstanceOf(ParleyClientException.class)
          .extracting(e -> ((ParleyClientException) e).code()).isEqualTo(ErrorCode.NOT_FOUND);
      assertThatThrownBy(() -> client.mutate(TodoApi.ADD_TODO, new NewTodo("milk")))
          .isInstanceOf(ParleyClientException.class)
          .hasMessage("addTodo: the client answers from a static dump: mutations are not available");
    }
  }

  @Test
  void thePageLoadsTheDumpBeforeItsOwnScript() throws IOException {
    Path index = StaticSite.write(dir);

    String html = Files.readString(index);
    assertThat(html.indexOf("<script src=\"dump.js\">")).isPositive()
        .isLessThan(html.indexOf("<script src=\"dump-mode.js\">"));
    assertThat(html.indexOf("<script src=\"dump-mode.js\">"))
        .isLessThan(html.indexOf("<script src=\"app.js\">"));
    assertThat(Files.readString(dir.resolve("dump.js")))
        .startsWith("window.PARLEY_DUMP = {\"manifest\":{\"format\":\"parley-dump\"")
        .contains("Try the quickstart");
    for (String file : StaticSite.WEB_FILES) {
      assertThat(dir.resolve(file)).isRegularFile();
    }
  }
}
