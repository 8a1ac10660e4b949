package dev.parley.client.internal;

/**
 * The client's logger: {@link System.Logger}, which goes to {@code java.util.logging} unless the
 * application routes it elsewhere (e.g. to SLF4J with {@code slf4j-jdk-platform-logging}). The
 * client logs only what it drops: messages from a server that it cannot read, and listeners that
 * throw.
 */
final class ClientLog {
  static final System.Logger LOG = System.getLogger("dev.parley.client");

  private ClientLog() {}
}
