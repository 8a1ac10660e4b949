package dev.parley.server.internal.socket;

import dev.parley.ErrorCode;
import dev.parley.ParleyException;
import dev.parley.internal.wire.ParleyMessages;
import dev.parley.server.ServerOptions;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a connection does with Parley's own messages ({@link ParleyMessages}): a hello switches
 * them on and is answered with the server's limits; a watch or an unwatch changes what the
 * connection watches. Each refusal is an error naming the message's id; the connection goes on,
 * and a refused watch adds nothing. Later kinds (events, topics, channels …) are more cases here.
 */
final class ParleyControl {
  /** How a refusal and an answer go out on the connection. */
  interface Out {
    void refuse(byte[] id, ParleyException error);

    void put(byte[] message);

    /** The client said hello (once or again). */
    default void greeted() {}

    /**
     * The client said it takes several messages as one JSON array in a frame: the connection
     * may send what it has queued that way from now on.
     */
    default void arrays() {}
  }

  private final Watcher watcher;
  private final ServerOptions options;
  private final Out out;
  private final ChannelControl channels;
  private final TopicControl topics;

  ParleyControl(Watcher watcher, ServerOptions options, Out out, ChannelControl channels,
      TopicControl topics) {
    this.topics = topics;
    this.watcher = watcher;
    this.options = options;
    this.out = out;
    this.channels = channels;
  }

  void handle(Message.Parley message) {
    ParleyException refusal = switch (message.method()) {
      case ParleyMessages.HELLO -> {
        if (message.message().get("params") instanceof tools.jackson.databind.JsonNode p
            && p.get("arrays") instanceof tools.jackson.databind.JsonNode a && a.isBoolean()
            && a.booleanValue()) {
          out.arrays();
        }
        watcher.greet();
        out.put(ParleyMessages.helloAnswer(options.socketMaxWatched(),
            options.socketMaxResourceChars()));
        out.greeted();
        yield null;
      }
      case ParleyMessages.WATCH, ParleyMessages.UNWATCH -> watch(message);
      case ParleyMessages.SUBSCRIBE, ParleyMessages.UNSUBSCRIBE, ParleyMessages.SET -> {
        topics.handle(message);
        yield null;
      }
      case ParleyMessages.CONNECT, ParleyMessages.SEND, ParleyMessages.LEAVE -> {
        channels.handle(message);
        yield null;
      }
      default -> bad("Unknown method \"" + message.method() + "\" (expected: "
          + ParleyMessages.HELLO + ", " + ParleyMessages.WATCH + ", " + ParleyMessages.UNWATCH
          + ", " + ParleyMessages.EMIT + ", " + ParleyMessages.REGISTER + ", "
          + ParleyMessages.ANSWER + ", " + ParleyMessages.CONNECT + ", " + ParleyMessages.SEND + ", "
          + ParleyMessages.LEAVE + ", " + ParleyMessages.SUBSCRIBE + ", "
          + ParleyMessages.UNSUBSCRIBE + " or " + ParleyMessages.SET + ")");
    };
    if (refusal != null) {
      out.refuse(message.id(), refusal);
    }
  }

  private @Nullable ParleyException watch(Message.Parley message) {
    if (!watcher.greeted()) {
      return bad("\"" + message.method() + "\" comes after \"" + ParleyMessages.HELLO + "\"");
    }
    List<String> names;
    long since;
    try {
      names = ParleyMessages.resources(message.message());
      since = ParleyMessages.WATCH.equals(message.method())
          ? ParleyMessages.since(message.message()) : -1;
    } catch (IllegalArgumentException e) {
      return bad(e.getMessage());
    }
    int maxChars = options.socketMaxResourceChars();
    for (String n : names) {
      if (n.isEmpty() || n.length() > maxChars) {
        return bad("A resource name must have 1 to " + maxChars + " characters: \""
            + (n.length() > 40 ? n.substring(0, 40) + "…" : n) + "\" has " + n.length());
      }
    }
    if (ParleyMessages.UNWATCH.equals(message.method())) {
      watcher.remove(names);
      return null;
    }
    int max = options.socketMaxWatched();
    if (!watcher.add(names, max)) {
      return new ParleyException(ErrorCode.TOO_MANY_REQUESTS,
          "More than " + max + " resources watched on this connection");
    }
    if (since >= 0) {
      watcher.replay(since, names);
    }
    return null;
  }

  private static ParleyException bad(String message) {
    return new ParleyException(ErrorCode.BAD_REQUEST, message);
  }
}
