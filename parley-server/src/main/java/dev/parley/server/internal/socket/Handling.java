package dev.parley.server.internal.socket;

import dev.parley.ErrorCode;
import dev.parley.ParleyException;
import dev.parley.internal.wire.ParleyMessages;
import dev.parley.server.internal.Caller;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What the handlers of Parley's own messages on one connection ({@link ChannelControl}, {@link
 * TopicControl}) do alike: answer a refusal with the message's id, and let a message go on only
 * from a known caller who said {@code parley.hello}.
 */
final class Handling {
  private Handling() {}

  /**
   * Runs {@code act} on {@code message}; the refusal it returns or throws (an {@link
   * IllegalArgumentException} is {@code BAD_REQUEST}) goes back to the client with the message's
   * id.
   */
  static void run(ChannelControl.Host host, Message.Parley message,
      Function<Message.Parley, @Nullable ParleyException> act) {
    ParleyException refusal;
    try {
      refusal = act.apply(message);
    } catch (IllegalArgumentException e) {
      refusal = bad(e.getMessage());
    } catch (ParleyException e) {
      refusal = e;
    }
    if (refusal != null) {
      host.refuse(message.id(), refusal);
    }
  }

  /**
   * The caller of {@code message} when it may go on; null when it may not: before authentication
   * it is dropped (the connection answers that itself), before {@code parley.hello} it is refused
   * {@code BAD_REQUEST}.
   */
  static @Nullable Caller caller(ChannelControl.Host host, Supplier<Boolean> greeted,
      Message.Parley message) {
    Caller caller = host.caller();
    if (caller != null && !greeted.get()) {
      host.refuse(message.id(), bad("\"" + message.method() + "\" comes after \""
          + ParleyMessages.HELLO + "\""));
      return null;
    }
    return caller;
  }

  /** {@code e} as a refusal: an {@link IllegalArgumentException} is {@code BAD_REQUEST}. */
  static ParleyException refusal(RuntimeException e) {
    return e instanceof ParleyException pe ? pe : bad(e.getMessage());
  }

  /** A {@code BAD_REQUEST} saying {@code message}. */
  static ParleyException bad(String message) {
    return new ParleyException(ErrorCode.BAD_REQUEST, message);
  }
}
