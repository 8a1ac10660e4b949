package dev.parley.server.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.helpers.NOPLoggerFactory;

/** With no SLF4J provider, the server's errors still reach a log a person reads. */
class ServerLogTest {
  @Test
  void sendsErrorsToJavaUtilLoggingWhenSlf4jHasNoProvider() {
    List<LogRecord> seen = new ArrayList<>();
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord record) {
        seen.add(record);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    java.util.logging.Logger jul = java.util.logging.Logger.getLogger("parley.test.fallback");
    jul.addHandler(capture);
    try {
      Logger log = ServerLog.get("parley.test.fallback", new NOPLoggerFactory());
      assertThat(log).isInstanceOf(ServerLog.Fallback.class);
      assertThat(log.isErrorEnabled()).isTrue();
      assertThat(log.isDebugEnabled()).isFalse();
      log.error("{} failed", "todos.add", new IllegalStateException("boom"));
      log.debug("not shown {}", 1);

      assertThat(seen).extracting(LogRecord::getMessage).contains("todos.add failed");
      assertThat(seen).filteredOn(r -> r.getMessage().equals("todos.add failed"))
          .extracting(LogRecord::getThrown).first().isInstanceOf(IllegalStateException.class);
      assertThat(seen).extracting(LogRecord::getMessage).doesNotContain("not shown 1");
    } finally {
      jul.removeHandler(capture);
    }
  }

  @Test
  void usesSlf4jWhenItHasAProvider() {
    assertThat(ServerLog.get("parley.test.real")).isNotInstanceOf(ServerLog.Fallback.class);
  }
}
