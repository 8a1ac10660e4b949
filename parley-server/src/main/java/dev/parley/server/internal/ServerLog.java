package dev.parley.server.internal;

import java.io.Serial;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;
import org.slf4j.helpers.NOPLoggerFactory;

/**
 * The server's logger: SLF4J's, unless SLF4J has no provider, in which case what would be lost (a
 * handler's exception, an output that fails its schema) goes to {@code java.util.logging}, which
 * prints warnings and errors on the standard error stream, after one line that says what to add.
 */
final class ServerLog {
  private static final AtomicBoolean TOLD = new AtomicBoolean();

  private ServerLog() {}

  /** The logger named {@code name}. */
  static Logger get(String name) {
    return get(name, LoggerFactory.getILoggerFactory());
  }

  /** The logger named {@code name} of {@code factory}, or the fallback when it logs nothing. */
  static Logger get(String name, ILoggerFactory factory) {
    if (!(factory instanceof NOPLoggerFactory)) {
      return factory.getLogger(name);
    }
    if (TOLD.compareAndSet(false, true)) {
      System.getLogger(name).log(System.Logger.Level.WARNING, "SLF4J has no provider on the class"
          + " path, so Parley logs its errors through java.util.logging. Add a provider, e.g."
          + " org.slf4j:slf4j-simple or ch.qos.logback:logback-classic.");
    }
    return new Fallback(name);
  }

  /** Warnings and errors to {@link System.Logger}, with SLF4J's {@code {}} formatting. */
  static final class Fallback extends LegacyAbstractLogger {
    @Serial private static final long serialVersionUID = 1L;
    private final transient System.Logger target;

    Fallback(String name) {
      this.name = name;
      this.target = System.getLogger(name);
    }

    @Override
    protected String getFullyQualifiedCallerName() {
      return Fallback.class.getName();
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String message,
        Object[] args, Throwable thrown) {
      String text = MessageFormatter.basicArrayFormat(message, args);
      target.log(level == Level.ERROR ? System.Logger.Level.ERROR : System.Logger.Level.WARNING,
          text, thrown);
    }

    @Override
    public boolean isTraceEnabled() {
      return false;
    }

    @Override
    public boolean isDebugEnabled() {
      return false;
    }

    @Override
    public boolean isInfoEnabled() {
      return false;
    }

    @Override
    public boolean isWarnEnabled() {
      return true;
    }

    @Override
    public boolean isErrorEnabled() {
      return true;
    }
  }
}
