package dev.parley.server;

import dev.parley.Topic;
import java.util.Objects;

/**
 * How the server serves one {@link Topic}: who may subscribe with which params, and how many of
 * its latest messages it keeps per params so that a client resumes by its last event id. Returned
 * by {@link ParleyServer#topic}; set before the server starts. Thread-safe.
 *
 * <pre>{@code
 * server.topic(ChatApi.ROOM_EVENTS)
 *     .onSubscribe((ctx, room) -> {
 *       if (room.roomId().startsWith("staff-") && ctx.principal().isEmpty()) {
 *         throw new ParleyException(ErrorCode.FORBIDDEN, "staff rooms need a sign-in");
 *       }
 *       return room;                     // or narrower params
 *     })
 *     .replay(100);
 * }</pre>
 *
 * <p>A subscribe is a call of the topic, as a query is a call: it goes through the server-wide
 * middleware ({@link ParleyServer.Builder#use}, {@code guard}, {@code narrow}) with the WebSocket
 * connection's context from the server's {@link ContextFactory}, whether or not a hook is set; a
 * middleware that throws refuses it as the hook would. The {@link CallListener}s hear each one,
 * and a shutdown waits for those running and refuses new ones {@code SERVICE_UNAVAILABLE}.
 *
 * @param <C> the server's context type, as its handlers of queries receive it
 * @param <P> the parameters' type
 */
public final class TopicImplementation<C, P> {
  private volatile OnSubscribe<C, P> onSubscribe = (ctx, params) -> params;
  private volatile int replay;
  private volatile int replayParams = DEFAULT_REPLAY_PARAMS;

  /** The default of how many params at once a topic keeps messages of: {@value}. */
  public static final int DEFAULT_REPLAY_PARAMS = 1000;

  TopicImplementation() {}

  /**
   * Sets what runs when a client subscribes, after its params were checked against the schema:
   * it returns the params the subscription gets (the same, or narrower ones, checked again), or
   * refuses by throwing, a {@link dev.parley.ParleyException} with its code ({@code FORBIDDEN},
   * …) or any exception (then {@code INTERNAL_SERVER_ERROR}, its message withheld). By default
   * every subscriber gets the params it asked for.
   */
  public TopicImplementation<C, P> onSubscribe(OnSubscribe<C, P> hook) {
    this.onSubscribe = Objects.requireNonNull(hook, "hook");
    return this;
  }

  /**
   * Keeps the latest {@code messages} of each params, each with an event id (1, 2 … per params),
   * so that a client that subscribes again with its last event id gets those it missed, then the
   * live ones; of at most {@value #DEFAULT_REPLAY_PARAMS} params at once (see {@link #replay(int,
   * int)}). Default 0: nothing kept, and messages carry no event id.
   *
   * @throws IllegalArgumentException when negative
   */
  public TopicImplementation<C, P> replay(int messages) {
    return replay(messages, DEFAULT_REPLAY_PARAMS);
  }

  /**
   * Keeps the latest {@code messages} of each params, as {@link #replay(int)} does, of at most
   * {@code params} params at once, so that a topic published under ever new params (a room per
   * game, a feed per user) does not grow the server's memory without bound. Past that, the params
   * published to least recently that nobody subscribes to now lose what they kept; params with a
   * subscriber keep theirs (subscriptions are bounded per connection). A client that resumes
   * params that lost theirs gets all that is kept by then, and event ids never go back: the next
   * messages of those params count on from the highest id the server dropped.
   *
   * @throws IllegalArgumentException when {@code messages} is negative or {@code params} is not
   *     positive
   */
  public TopicImplementation<C, P> replay(int messages, int params) {
    if (messages < 0) {
      throw new IllegalArgumentException("replay: " + messages + " (expected: >= 0, 0 for none)");
    }
    if (params < 1) {
      throw new IllegalArgumentException("replay params: " + params + " (expected: >= 1)");
    }
    this.replay = messages;
    this.replayParams = params;
    return this;
  }

  OnSubscribe<C, P> hook() {
    return onSubscribe;
  }

  int replaySize() {
    return replay;
  }

  int replayParams() {
    return replayParams;
  }

  /**
   * Runs when a client subscribes.
   *
   * @param <C> the server's context type
   * @param <P> the parameters' type
   */
  @FunctionalInterface
  public interface OnSubscribe<C, P> {
    /**
     * The params the subscription gets.
     *
     * @param ctx the server's context of the subscriber, after the server-wide middleware
     * @param params the params asked for, validated
     * @throws Exception to refuse the subscription
     */
    P subscribe(C ctx, P params) throws Exception;
  }
}
